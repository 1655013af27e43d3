using AutoScale.Grains.Quotas;
using Npgsql;

namespace AutoScale.Gateway.Usage;

/// <summary>
/// Usage read from the stored jobs, with the hourly roll-up of the jobs retention deleted. Characters and jobs count at
/// acceptance (<c>created_at</c>), except jobs cancelled before any chunk ran, which were refunded.
/// </summary>
public sealed class UsageStore(NpgsqlDataSource dataSource)
{
    // Every counted row of the window [$1, $2), from the live jobs and from the roll-up, narrowed by the filter.
    private static string Counted(string filter) => $"""
        SELECT tenant_id, created_at AS at, model,
               CASE WHEN {QuotaStore.Refunded} THEN 0 ELSE characters END AS characters,
               CASE WHEN {QuotaStore.Refunded} THEN 0 ELSE 1 END AS jobs,
               audio_seconds, gpu_seconds AS engine_seconds, cost_usd
        FROM jobs WHERE created_at >= $1 AND created_at < $2 {filter}
        UNION ALL
        SELECT tenant_id, hour, model, characters, jobs, audio_seconds, engine_seconds, cost_usd
        FROM usage_rollup WHERE hour >= $1 AND hour < $2 {filter}
        """;

    public async Task<bool> TenantExistsAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM tenants WHERE id = $1)");
        command.Parameters.AddWithValue(tenantId);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The tenant's use in each bucket of the window that saw any, per model, oldest first.</summary>
    public async Task<IReadOnlyList<UsageBucket>> BucketsAsync(Guid tenantId, UsageWindow window, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT date_trunc($4, at, 'UTC'), model, sum(characters)::bigint, sum(jobs)::bigint,
                   sum(audio_seconds), sum(engine_seconds), sum(cost_usd)
            FROM ({Counted("AND tenant_id = $3")}) counted
            GROUP BY 1, 2 ORDER BY 1, 2
            """);
        command.Parameters.AddWithValue(window.From);
        command.Parameters.AddWithValue(window.To);
        command.Parameters.AddWithValue(tenantId);
        command.Parameters.AddWithValue(window.Unit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var buckets = new List<UsageBucket>();
        while (await reader.ReadAsync(cancellationToken))
        {
            buckets.Add(new UsageBucket(reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), reader.GetInt64(2),
                reader.GetInt64(3), reader.GetDouble(4), reader.GetDouble(5), reader.GetDecimal(6)));
        }

        return buckets;
    }

    /// <summary>
    /// The tenants that used most in the day from <paramref name="since"/>, with every tenant that has quotas even if it used
    /// nothing, most characters first.
    /// </summary>
    public async Task<IReadOnlyList<TenantDayUsage>> TopTenantsOfDayAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            WITH used AS (
              SELECT tenant_id, sum(characters)::bigint AS characters, sum(jobs)::bigint AS jobs,
                     sum(audio_seconds) AS audio_seconds, sum(cost_usd) AS cost_usd
              FROM ({Counted("")}) counted GROUP BY tenant_id)
            SELECT t.id, t.name, coalesce(u.characters, 0), coalesce(u.jobs, 0), coalesce(u.audio_seconds, 0), coalesce(u.cost_usd, 0),
                   q.characters_per_day, q.characters_per_month, q.concurrent_jobs, q.max_job_characters
            FROM tenants t
            LEFT JOIN used u ON u.tenant_id = t.id
            LEFT JOIN tenant_quotas q ON q.tenant_id = t.id
            WHERE u.tenant_id IS NOT NULL OR q.tenant_id IS NOT NULL
            ORDER BY 3 DESC, 2, 1
            LIMIT $3
            """);
        command.Parameters.AddWithValue(since);
        command.Parameters.AddWithValue(since.AddDays(1));
        command.Parameters.AddWithValue(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<TenantDayUsage>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new TenantDayUsage(reader.GetGuid(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3),
                reader.GetDouble(4), reader.GetDecimal(5),
                reader.IsDBNull(6) ? null : reader.GetInt64(6), reader.IsDBNull(7) ? null : reader.GetInt64(7),
                reader.IsDBNull(8) ? null : reader.GetInt32(8), reader.IsDBNull(9) ? null : reader.GetInt32(9)));
        }

        return rows;
    }
}
