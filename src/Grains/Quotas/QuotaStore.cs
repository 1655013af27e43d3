using AutoScale.Interfaces.Quotas;
using Npgsql;
using NpgsqlTypes;

namespace AutoScale.Grains.Quotas;

/// <summary>
/// The SQL of quotas: the <c>tenant_quotas</c> table, and what the stored jobs (with the hourly roll-up of jobs that
/// retention deleted) say a tenant used. A job cancelled before any chunk ran was refunded, so it counts for nothing.
/// </summary>
public sealed class QuotaStore(NpgsqlDataSource dataSource)
{
    public const string Refunded = "(status = 'cancelled' AND started_at IS NULL)";

    public async Task<TenantQuotas> LoadAsync(Guid tenantId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT characters_per_day, characters_per_month, concurrent_jobs, max_job_characters
            FROM tenant_quotas WHERE tenant_id = $1
            """);
        command.Parameters.AddWithValue(tenantId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return TenantQuotas.None;
        }

        return new TenantQuotas(
            reader.IsDBNull(0) ? null : reader.GetInt64(0),
            reader.IsDBNull(1) ? null : reader.GetInt64(1),
            reader.IsDBNull(2) ? null : reader.GetInt32(2),
            reader.IsDBNull(3) ? null : reader.GetInt32(3));
    }

    /// <summary>Stores the tenant's quotas; false when there is no such tenant.</summary>
    public async Task<bool> SaveAsync(Guid tenantId, TenantQuotas quotas, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO tenant_quotas (tenant_id, characters_per_day, characters_per_month, concurrent_jobs, max_job_characters)
            SELECT id, $2, $3, $4, $5 FROM tenants WHERE id = $1
            ON CONFLICT (tenant_id) DO UPDATE SET
              characters_per_day = excluded.characters_per_day, characters_per_month = excluded.characters_per_month,
              concurrent_jobs = excluded.concurrent_jobs, max_job_characters = excluded.max_job_characters, updated_at = now()
            """);
        command.Parameters.AddWithValue(tenantId);
        command.Parameters.Add(Nullable(quotas.CharactersPerDay, NpgsqlDbType.Bigint));
        command.Parameters.Add(Nullable(quotas.CharactersPerMonth, NpgsqlDbType.Bigint));
        command.Parameters.Add(Nullable(quotas.ConcurrentJobs, NpgsqlDbType.Integer));
        command.Parameters.Add(Nullable(quotas.MaxJobCharacters, NpgsqlDbType.Integer));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>The characters the tenant's jobs accepted since the start of <paramref name="now"/>'s day and month, and its open jobs.</summary>
    public async Task<QuotaUsage> LoadUsageAsync(Guid tenantId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT coalesce(sum(characters) FILTER (WHERE at >= $2), 0)::bigint, coalesce(sum(characters), 0)::bigint
            FROM (SELECT created_at AS at, characters FROM jobs
                  WHERE tenant_id = $1 AND created_at >= $3 AND NOT {Refunded}
                  UNION ALL
                  SELECT hour, characters FROM usage_rollup WHERE tenant_id = $1 AND hour >= $3) counted
            """);
        command.Parameters.AddWithValue(tenantId);
        command.Parameters.AddWithValue(QuotaPeriods.DayStart(now));
        command.Parameters.AddWithValue(QuotaPeriods.MonthStart(now));
        long today, month;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            (today, month) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        return new QuotaUsage(today, month, await LoadOpenJobsAsync(tenantId, cancellationToken));
    }

    public async Task<IReadOnlyList<OpenJob>> LoadOpenJobsAsync(Guid tenantId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, characters, created_at FROM jobs WHERE tenant_id = $1 AND status IN ('queued', 'running')");
        command.Parameters.AddWithValue(tenantId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var open = new List<OpenJob>();
        while (await reader.ReadAsync(cancellationToken))
        {
            open.Add(new OpenJob(reader.GetGuid(0), reader.GetInt32(1), reader.GetFieldValue<DateTimeOffset>(2)));
        }

        return open;
    }

    private static NpgsqlParameter Nullable<T>(T? value, NpgsqlDbType type) where T : struct =>
        new() { Value = value is { } v ? v : DBNull.Value, NpgsqlDbType = type };
}
