using AutoScale.Gateway.Auth.Keys;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AutoScale.Gateway.Auth;

/// <summary>
/// Tenants and the lookup of their API keys (the <c>tenants</c> and <c>api_keys</c> tables), with a short-lived cache
/// of lookups that <see cref="KeyRevocationWatcher"/> and the revoking call empty of revoked keys.
/// </summary>
public sealed class TenantStore(NpgsqlDataSource dataSource, IMemoryCache cache, IOptions<AuthOptions> options, KeyUseRecorder uses)
{
    /// <summary>The name given to the key made with a tenant.</summary>
    public const string FirstKeyName = "first key";

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
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            "INSERT INTO api_keys (id, key_hash, tenant_id, key_prefix, name) VALUES ($1, $2, $3, $4, $5)")
        {
            Parameters =
            {
                new() { Value = Guid.CreateVersion7() }, new() { Value = ApiKeys.Hash(key) }, new() { Value = tenantId },
                new() { Value = ApiKeys.DisplayPrefix(key) }, new() { Value = FirstKeyName },
            },
        });
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return (tenantId, key, webhookSecret);
    }

    /// <summary>The tenant a key belongs to, or null for an unknown or revoked key. A found key's use is noted.</summary>
    public async Task<Guid?> FindTenantAsync(string key, CancellationToken cancellationToken)
    {
        var hash = ApiKeys.Hash(key);
        var hashText = Convert.ToBase64String(hash);
        if (!cache.TryGetValue(CacheKey(hashText), out Guid? tenant))
        {
            await using var command = dataSource.CreateCommand(
                "SELECT tenant_id FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL");
            command.Parameters.AddWithValue(hash);
            tenant = await command.ExecuteScalarAsync(cancellationToken) as Guid?;
            var cacheTime = tenant is null ? UnknownKeyCacheTime : TimeSpan.FromSeconds(options.Value.KeyCacheSeconds);
            if (cacheTime > TimeSpan.Zero)
            {
                cache.Set(CacheKey(hashText), tenant, cacheTime);
            }
        }

        if (tenant is not null)
        {
            uses.Record(hashText, hash);
        }

        return tenant;
    }

    /// <summary>Drops a key's cached lookup, so that its next use asks the database (a revoked key is refused there).</summary>
    public void Forget(byte[] keyHash) => cache.Remove(CacheKey(Convert.ToBase64String(keyHash)));

    private static (string, string) CacheKey(string hashText) => (nameof(TenantStore), hashText);
}
