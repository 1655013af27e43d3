using Npgsql;
using NpgsqlTypes;

namespace AutoScale.Gateway.Auth.Keys;

/// <summary>A tenant's API keys: made (the key returned once, only its hash kept), listed without secrets, revoked.</summary>
public sealed class TenantKeyStore(NpgsqlDataSource dataSource, TenantStore tenants)
{
    /// <summary>
    /// Makes a key for <paramref name="tenantId"/> unless it already holds <paramref name="maxActive"/> active keys. The
    /// tenant's row is locked while counting, so two gateways making keys at once cannot pass the cap together.
    /// </summary>
    public async Task<KeyCreation> CreateAsync(Guid tenantId, string? name, int maxActive, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var locking = new NpgsqlCommand("SELECT 1 FROM tenants WHERE id = $1 FOR UPDATE", connection, transaction))
        {
            locking.Parameters.AddWithValue(tenantId);
            if (await locking.ExecuteScalarAsync(cancellationToken) is null)
            {
                return new KeyCreation(KeyCreationOutcome.UnknownTenant, null, null);
            }
        }

        await using (var counting = new NpgsqlCommand(
            "SELECT count(*) FROM api_keys WHERE tenant_id = $1 AND revoked_at IS NULL", connection, transaction))
        {
            counting.Parameters.AddWithValue(tenantId);
            if ((long)(await counting.ExecuteScalarAsync(cancellationToken))! >= maxActive)
            {
                return new KeyCreation(KeyCreationOutcome.TooManyActive, null, null);
            }
        }

        var key = ApiKeys.Create();
        var info = new TenantKey(Guid.CreateVersion7(), name, ApiKeys.DisplayPrefix(key), default, null, null);
        await using (var inserting = new NpgsqlCommand("""
            INSERT INTO api_keys (id, key_hash, tenant_id, key_prefix, name) VALUES ($1, $2, $3, $4, $5) RETURNING created_at
            """, connection, transaction))
        {
            inserting.Parameters.AddWithValue(info.Id);
            inserting.Parameters.AddWithValue(ApiKeys.Hash(key));
            inserting.Parameters.AddWithValue(tenantId);
            inserting.Parameters.AddWithValue(info.Prefix);
            inserting.Parameters.Add(new NpgsqlParameter { Value = (object?)name ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            info = info with { CreatedAt = new DateTimeOffset((DateTime)(await inserting.ExecuteScalarAsync(cancellationToken))!) };
        }

        await transaction.CommitAsync(cancellationToken);
        return new KeyCreation(KeyCreationOutcome.Created, info, key);
    }

    /// <summary>The tenant's keys, oldest first (revoked ones included); null when there is no such tenant.</summary>
    public async Task<IReadOnlyList<TenantKey>?> ListAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT k.id, k.name, k.key_prefix, k.created_at, k.last_used_at, k.revoked_at
            FROM tenants t LEFT JOIN api_keys k ON k.tenant_id = t.id
            WHERE t.id = $1 ORDER BY k.created_at, k.id
            """);
        command.Parameters.AddWithValue(tenantId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        List<TenantKey>? keys = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            keys ??= [];
            if (!reader.IsDBNull(0))
            {
                keys.Add(new TenantKey(
                    reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2),
                    reader.GetFieldValue<DateTimeOffset>(3), NullableTime(reader, 4), NullableTime(reader, 5)));
            }
        }

        return keys;
    }

    /// <summary>
    /// Revokes a key of <paramref name="tenantId"/> and drops it from this gateway's cache at once (the others drop it
    /// within a second). Revoking a revoked key changes nothing; a key of another tenant is not found.
    /// </summary>
    public async Task<KeyRevocationOutcome> RevokeAsync(Guid tenantId, Guid keyId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            WITH revoked AS (
              UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND tenant_id = $2 AND revoked_at IS NULL RETURNING key_hash)
            SELECT (SELECT key_hash FROM revoked), EXISTS (SELECT 1 FROM api_keys WHERE id = $1 AND tenant_id = $2)
            """);
        command.Parameters.AddWithValue(keyId);
        command.Parameters.AddWithValue(tenantId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        if (!reader.IsDBNull(0))
        {
            tenants.Forget(reader.GetFieldValue<byte[]>(0));
            return KeyRevocationOutcome.Revoked;
        }

        return reader.GetBoolean(1) ? KeyRevocationOutcome.AlreadyRevoked : KeyRevocationOutcome.NotFound;
    }

    private static DateTimeOffset? NullableTime(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
}

/// <summary>A key as operators see it: never the key or its hash.</summary>
public sealed record TenantKey(
    Guid Id, string? Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

public enum KeyCreationOutcome
{
    Created,
    UnknownTenant,
    TooManyActive,
}

/// <summary>What making a key came to; <see cref="Key"/> (the secret) only when created.</summary>
public sealed record KeyCreation(KeyCreationOutcome Outcome, TenantKey? Info, string? Key);

public enum KeyRevocationOutcome
{
    Revoked,
    AlreadyRevoked,
    NotFound,
}
