using AutoScale.Data;
using AutoScale.Grains.Jobs;
using AutoScale.Grains.Work.Scheduling;
using AutoScale.Interfaces.Jobs;
using AutoScale.Interfaces.Work;
using Npgsql;

namespace AutoScale.Grains.Work;

/// <summary>All SQL of the work queue on <c>job_chunks</c>: the durable side of a pool's queue.</summary>
public sealed class WorkItemStore(NpgsqlDataSource dataSource, GroupCommit groupCommit)
{
    /// <summary>Every chunk of the pool's unfinished jobs that is not done: what the queue holds after a restart.</summary>
    public async Task<IReadOnlyList<WorkItem>> LoadOpenAsync(string pool, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT c.job_id, c.seq, j.tenant_id, j.priority, c.char_length, c.attempts, c.not_before, j.created_at
            FROM job_chunks c JOIN jobs j ON j.id = c.job_id
            WHERE j.pool = $1 AND j.status IN ('queued', 'running') AND c.state IN ('queued', 'leased')
            ORDER BY j.created_at, c.job_id, c.seq
            """);
        command.Parameters.AddWithValue(pool);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<WorkItem>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new WorkItem(
                new WorkItemKey(reader.GetGuid(0), reader.GetInt32(1)),
                reader.GetGuid(2),
                JobPriorityExtensions.TryParseWireName(reader.GetString(3), out var priority) ? priority : JobPriority.Normal,
                reader.GetInt32(4),
                reader.GetInt32(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                reader.GetFieldValue<DateTimeOffset>(7)));
        }

        return items;
    }

    /// <summary>
    /// The pool's unfinished jobs that have no chunk left to run: their job grain missed the last word (a
    /// completion or failure that could not be written at the time). With the first failed chunk, if any.
    /// </summary>
    public async Task<IReadOnlyList<UnsettledJob>> FindUnsettledJobsAsync(string pool, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT j.id, f.seq, f.error
            FROM jobs j
            LEFT JOIN LATERAL (SELECT c.seq, c.error FROM job_chunks c WHERE c.job_id = j.id AND c.state = 'failed' ORDER BY c.seq LIMIT 1) f ON true
            WHERE j.pool = $1 AND j.status IN ('queued', 'running')
              AND NOT EXISTS (SELECT 1 FROM job_chunks c WHERE c.job_id = j.id AND c.state IN ('queued', 'leased'))
            """);
        command.Parameters.AddWithValue(pool);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var jobs = new List<UnsettledJob>();
        while (await reader.ReadAsync(cancellationToken))
        {
            jobs.Add(new UnsettledJob(
                reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return jobs;
    }

    /// <summary>Marks chunks leased to a worker and returns their text, voice and speed.</summary>
    public async Task<IReadOnlyList<LeasedChunkText>> LeaseAsync(
        IReadOnlyList<WorkItemKey> keys, string workerId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE job_chunks c SET state = 'leased', worker_id = $3, lease_expires_at = $4
            FROM jobs j, unnest($1::uuid[], $2::integer[]) AS k(job_id, seq)
            WHERE c.job_id = k.job_id AND c.seq = k.seq AND j.id = c.job_id AND c.state IN ('queued', 'leased')
            RETURNING c.job_id, c.seq, c.text, j.voice, j.speed, j.tenant_id, j.trace_parent
            """);
        command.Parameters.AddWithValue(keys.Select(k => k.JobId).ToArray());
        command.Parameters.AddWithValue(keys.Select(k => k.Sequence).ToArray());
        command.Parameters.AddWithValue(workerId);
        command.Parameters.AddWithValue(expiresAt);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var leased = new List<LeasedChunkText>(keys.Count);
        while (await reader.ReadAsync(cancellationToken))
        {
            leased.Add(new LeasedChunkText(
                reader.GetGuid(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetDouble(4),
                reader.GetGuid(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return leased;
    }

    /// <summary>
    /// Marks chunks leased whose text the queue already held, in the next group commit. A chunk finished meanwhile
    /// keeps its state: the mark only applies to queued or leased rows.
    /// </summary>
    public Task MarkLeasedAsync(IReadOnlyList<WorkItemKey> keys, string workerId, DateTimeOffset expiresAt) =>
        groupCommit.ExecuteAsync(() =>
        {
            var command = new NpgsqlBatchCommand("""
                UPDATE job_chunks c SET state = 'leased', worker_id = $3, lease_expires_at = $4
                FROM unnest($1::uuid[], $2::integer[]) AS k(job_id, seq)
                WHERE c.job_id = k.job_id AND c.seq = k.seq AND c.state IN ('queued', 'leased')
                """);
            command.Parameters.AddWithValue(keys.Select(k => k.JobId).ToArray());
            command.Parameters.AddWithValue(keys.Select(k => k.Sequence).ToArray());
            command.Parameters.AddWithValue(workerId);
            command.Parameters.AddWithValue(expiresAt);
            return command;
        });

    /// <summary>Records a finished chunk; false when it was already done, cancelled or failed (recorded once).</summary>
    public async Task<bool> CompleteAsync(ChunkCompletion completion, CancellationToken cancellationToken = default) =>
        await groupCommit.ExecuteAsync(() => CreateCompletion(completion)) == 1;

    private static NpgsqlBatchCommand CreateCompletion(ChunkCompletion completion)
    {
        var command = new NpgsqlBatchCommand("""
            UPDATE job_chunks SET state = 'done', finished_at = now(), worker_id = $3, artifact_key = $4, sample_rate = $5,
                                  samples = $6, engine_seconds = $7, cost_usd = $8, lease_expires_at = NULL, error = NULL, words = $9::jsonb
            WHERE job_id = $1 AND seq = $2 AND state IN ('queued', 'leased')
            """);
        command.Parameters.AddWithValue(completion.JobId);
        command.Parameters.AddWithValue(completion.Sequence);
        command.Parameters.AddWithValue(completion.WorkerId);
        command.Parameters.AddWithValue(completion.ArtifactKey);
        command.Parameters.AddWithValue(completion.SampleRate);
        command.Parameters.AddWithValue(completion.Samples);
        command.Parameters.AddWithValue(completion.EngineSeconds);
        command.Parameters.AddWithValue(completion.CostUsd);
        command.Parameters.AddWithValue(completion.Words.Count == 0 ? DBNull.Value : ChunkWordsJson.Write(completion.Words));
        return command;
    }

    /// <summary>A failed attempt that will be retried after <paramref name="notBefore"/>.</summary>
    public async Task RetryLaterAsync(Guid jobId, int sequence, int attempts, DateTimeOffset notBefore, string error, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE job_chunks SET state = 'queued', attempts = $3, not_before = $4, error = $5, worker_id = NULL, lease_expires_at = NULL
            WHERE job_id = $1 AND seq = $2 AND state IN ('queued', 'leased')
            """);
        command.Parameters.AddWithValue(jobId);
        command.Parameters.AddWithValue(sequence);
        command.Parameters.AddWithValue(attempts);
        command.Parameters.AddWithValue(notBefore);
        command.Parameters.AddWithValue(error);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A chunk that ran out of attempts.</summary>
    public async Task GiveUpAsync(Guid jobId, int sequence, int attempts, string error, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE job_chunks SET state = 'failed', attempts = $3, error = $4, finished_at = now(), lease_expires_at = NULL
            WHERE job_id = $1 AND seq = $2 AND state IN ('queued', 'leased')
            """);
        command.Parameters.AddWithValue(jobId);
        command.Parameters.AddWithValue(sequence);
        command.Parameters.AddWithValue(attempts);
        command.Parameters.AddWithValue(error);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Leased chunks go back to waiting (lease expired, worker dead or draining).</summary>
    public async Task ReleaseAsync(IReadOnlyList<WorkItemKey> keys, CancellationToken cancellationToken = default)
    {
        if (keys.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand("""
            UPDATE job_chunks c SET state = 'queued', worker_id = NULL, lease_expires_at = NULL
            FROM unnest($1::uuid[], $2::integer[]) AS k(job_id, seq)
            WHERE c.job_id = k.job_id AND c.seq = k.seq AND c.state = 'leased'
            """);
        command.Parameters.AddWithValue(keys.Select(k => k.JobId).ToArray());
        command.Parameters.AddWithValue(keys.Select(k => k.Sequence).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A cancelled or failed job's unfinished chunks.</summary>
    public async Task CancelJobAsync(Guid jobId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE job_chunks SET state = 'cancelled', lease_expires_at = NULL WHERE job_id = $1 AND state IN ('queued', 'leased')");
        command.Parameters.AddWithValue(jobId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
