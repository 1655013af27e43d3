using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AutoScale.Gateway.Auth;

/// <summary>Tenants and their API keys (the <c>tenants</c> and <c>api_keys</c> tables), with a short-lived cache of lookups.</summary>
public sealed class TenantStore(NpgsqlDataSource dataSource, IMemoryCache cache, IOptions<AuthOptions> options)
{
    private static readonly TimeSpan UnknownKeyCacheTime = TimeSpan.FromSeconds(5);

    /// <summary>Creates a tenant with a first API key (returned once; only its hash is kept) and the secret its
    /// webhooks are signed with.</summary>
    public async Task<(Guid TenantId, string ApiKey, string WebhookSecret)> CreateAsync(string name, CancellationToken cancellationToken)
    {
        var tenantId = Guid.CreateVersion7();
        var key = ApiKeys.Create();
        var webhookSecret = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("INSERT INTO tenants (id, name, webhook_secret) VALUES ($1, $2, $3)")
        {
            Parameters = { new() { Value = tenantId }, new() { Value = name }, new() { Value = webhookSecret } },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("INSERT INTO api_keys (key_hash, tenant_id, key_prefix) VALUES ($1, $2, $3)")
        {
            Parameters = { new() { Value = ApiKeys.Hash(key) }, new() { Value = tenantId }, new() { Value = ApiKeys.DisplayPrefix(key) } },
        });
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return (tenantId, key, webhookSecret);
    }

    /// <summary>The tenant a key belongs to, or null for an unknown or revoked key.</summary>
    public async Task<Guid?> FindTenantAsync(string key, CancellationToken cancellationToken)
    {
        var hash = ApiKeys.Hash(key);
        var cacheKey = (nameof(TenantStore), Convert.ToBase64String(hash));
        if (cache.TryGetValue(cacheKey, out Guid? cached))
        {
            return cached;
        }

        await using var command = dataSource.CreateCommand(
            "SELECT tenant_id FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL");
        command.Parameters.AddWithValue(hash);
        var tenant = await command.ExecuteScalarAsync(cancellationToken) as Guid?;
        cache.Set(cacheKey, tenant, tenant is null ? UnknownKeyCacheTime : TimeSpan.FromSeconds(options.Value.KeyCacheSeconds));
        return tenant;
    }
}
