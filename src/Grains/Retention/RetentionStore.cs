using AutoScale.Grains.Quotas;
using Npgsql;

namespace AutoScale.Grains.Retention;

/// <summary>
/// The SQL of retention: downloads hold a job (<c>jobs.download_until</c>); a sweep claims expired jobs nobody holds
/// (<c>jobs.purging_since</c>), and deletes the claimed rows once their artifacts are gone. Every time is the
/// database's <c>now()</c>, so gateways with different clocks agree.
/// </summary>
public sealed class RetentionStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Holds the job against retention until at least now + <paramref name="hold"/>. False when the job is gone or
    /// already claimed by a sweep (its artifacts may be being deleted): then it must not be downloaded.
    /// </summary>
    public async Task<bool> HoldForDownloadAsync(Guid jobId, TimeSpan hold, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE jobs SET download_until = greatest(download_until, now() + make_interval(secs => $2))
            WHERE id = $1 AND purging_since IS NULL
            """);
        command.Parameters.AddWithValue(jobId);
        command.Parameters.AddWithValue(hold.TotalSeconds);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> jobs that finished more than <paramref name="retention"/> ago and that no
    /// download holds, oldest first; jobs claimed by an earlier sweep that did not finish come back too. Rows another
    /// transaction has locked (a download taking its hold right now) are skipped, and the hold is checked again on the
    /// locked row, so a download that starts during the sweep wins.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> ClaimExpiredAsync(TimeSpan retention, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE jobs SET purging_since = coalesce(purging_since, now())
            WHERE id IN (SELECT id FROM jobs
                         WHERE finished_at < now() - make_interval(secs => $1)
                           AND (download_until IS NULL OR download_until <= now())
                         ORDER BY finished_at
                         LIMIT $2
                         FOR UPDATE SKIP LOCKED)
              AND finished_at IS NOT NULL
              AND (download_until IS NULL OR download_until <= now())
            RETURNING id
            """);
        command.Parameters.AddWithValue(retention.TotalSeconds);
        command.Parameters.AddWithValue(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<Guid>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    /// <summary>
    /// Deletes claimed jobs with their chunks and webhook deliveries (both <c>ON DELETE CASCADE</c>); returns how many
    /// jobs went. Unclaimed ids are left alone.
    /// </summary>
    public async Task<int> DeleteClaimedAsync(IReadOnlyCollection<Guid> jobIds, CancellationToken cancellationToken = default)
    {
        if (jobIds.Count == 0)
        {
            return 0;
        }

        // What the deleted jobs used goes into the hourly roll-up in the same statement, so usage and monthly quotas
        // never lose a job to retention nor count one twice.
        await using var command = dataSource.CreateCommand($"""
            WITH gone AS (
              DELETE FROM jobs WHERE id = ANY($1) AND purging_since IS NOT NULL
              RETURNING tenant_id, created_at, model, characters, status, started_at, audio_seconds, gpu_seconds, cost_usd),
            rolled AS (
              INSERT INTO usage_rollup AS u (tenant_id, hour, model, characters, jobs, audio_seconds, engine_seconds, cost_usd)
              SELECT tenant_id, date_trunc('hour', created_at, 'UTC'), model,
                     coalesce(sum(characters) FILTER (WHERE NOT {QuotaStore.Refunded}), 0),
                     count(*) FILTER (WHERE NOT {QuotaStore.Refunded}),
                     sum(audio_seconds), sum(gpu_seconds), sum(cost_usd)
              FROM gone GROUP BY 1, 2, 3
              ON CONFLICT (tenant_id, hour, model) DO UPDATE SET
                characters = u.characters + excluded.characters, jobs = u.jobs + excluded.jobs,
                audio_seconds = u.audio_seconds + excluded.audio_seconds,
                engine_seconds = u.engine_seconds + excluded.engine_seconds, cost_usd = u.cost_usd + excluded.cost_usd)
            SELECT count(*)::integer FROM gone
            """);
        command.Parameters.AddWithValue(jobIds.ToArray());
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
