using AutoScale.Data;
using AutoScale.Grains.Chunking;
using AutoScale.Interfaces.Jobs;
using Npgsql;
using NpgsqlTypes;

namespace AutoScale.Grains.Jobs;

/// <summary>
/// All SQL on the <c>jobs</c> and <c>job_chunks</c> tables. Writes come only from the job grain; reads that span jobs
/// (listing a tenant's jobs) come from the gateway.
/// </summary>
public sealed class JobStore(NpgsqlDataSource dataSource, GroupCommit groupCommit)
{
    private const string SnapshotColumns = """
        id, tenant_id, status, created_at, started_at, finished_at, model, voice, format, speed, priority,
        characters, chunks_total, chunks_done, audio_seconds, gpu_seconds, cost_usd, error_code, error_message,
        webhook_url, metadata::text, idempotency_key, request_fingerprint, pool, row_version, sample_rate
        """;

    // Where a query's own columns start after the snapshot's.
    private const int SnapshotColumnCount = 26;

    /// <summary>
    /// Stores a new job and its chunks atomically, in a group commit with other jobs submitted at the same moment.
    /// Returns null when stored, or the id of the job that already holds this id or the tenant's idempotency key
    /// (and stores nothing).
    /// </summary>
    public async Task<Guid?> InsertAsync(
        JobSnapshot job, string text, IReadOnlyList<TextChunk> chunks, string? traceParent = null, CancellationToken cancellationToken = default)
    {
        // The chunk rows come from the job row's RETURNING: a job that conflicts inserts no chunks, so no rows at all.
        if (await groupCommit.ExecuteAsync(() => CreateInsert(job, text, chunks, traceParent)) > 0)
        {
            return null;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await FindConflictingAsync(connection, job, cancellationToken);
    }

    private static NpgsqlBatchCommand CreateInsert(JobSnapshot job, string text, IReadOnlyList<TextChunk> chunks, string? traceParent)
    {
        var insert = new NpgsqlBatchCommand("""
            WITH job AS (
              INSERT INTO jobs (id, tenant_id, status, created_at, text, characters, model, voice, format, speed, priority,
                                webhook_url, metadata, idempotency_key, request_fingerprint, chunks_total, pool, trace_parent, sample_rate)
              VALUES ($1, $2, 'queued', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::json, $13, $14, $15, $18, $20, $21)
              ON CONFLICT DO NOTHING
              RETURNING id)
            INSERT INTO job_chunks (job_id, seq, char_start, char_length, text)
            SELECT job.id, c.seq - 1, c.start, c.length, c.text
            FROM job, unnest($16::integer[], $17::integer[], $19::text[]) WITH ORDINALITY AS c(start, length, text, seq)
            """);
        insert.Parameters.AddWithValue(job.Id);
        insert.Parameters.AddWithValue(job.TenantId);
        insert.Parameters.AddWithValue(job.CreatedAt);
        insert.Parameters.AddWithValue(text);
        insert.Parameters.AddWithValue(job.Characters);
        insert.Parameters.AddWithValue(job.Model);
        insert.Parameters.AddWithValue(job.Voice);
        insert.Parameters.AddWithValue(job.Format);
        insert.Parameters.AddWithValue(job.Speed);
        insert.Parameters.AddWithValue(job.Priority.ToWireName());
        insert.Parameters.Add(Text(job.WebhookUrl));
        insert.Parameters.Add(Text(job.MetadataJson));
        insert.Parameters.Add(Text(job.IdempotencyKey));
        insert.Parameters.Add(Text(job.RequestFingerprint));
        insert.Parameters.AddWithValue(job.ChunksTotal);
        insert.Parameters.AddWithValue(chunks.Select(c => c.Start).ToArray());
        insert.Parameters.AddWithValue(chunks.Select(c => c.Length).ToArray());
        insert.Parameters.AddWithValue(job.Pool);
        insert.Parameters.AddWithValue(chunks.Select(c => c.Slice(text)).ToArray());
        insert.Parameters.Add(Text(traceParent));
        insert.Parameters.Add(new NpgsqlParameter { Value = (object?)job.SampleRate ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        return insert;
    }

    /// <summary>The job, or null.</summary>
    public async Task<JobSnapshot?> LoadAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {SnapshotColumns} FROM jobs WHERE id = $1");
        command.Parameters.AddWithValue(id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadSnapshot(reader) : null;
    }

    /// <summary>What the job's finished chunks add up to, read from the chunks themselves (so a chunk reported
    /// twice still counts once).</summary>
    public async Task<JobProgressTotals> SumFinishedChunksAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT count(*)::int,
                   coalesce(sum(samples::double precision / sample_rate), 0),
                   coalesce(sum(engine_seconds), 0),
                   coalesce(sum(cost_usd), 0)
            FROM job_chunks WHERE job_id = $1 AND state = 'done'
            """);
        command.Parameters.AddWithValue(id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new JobProgressTotals(reader.GetInt32(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDecimal(3));
    }

    /// <summary>The job's finished chunks with where their audio is, in order.</summary>
    public async Task<IReadOnlyList<FinishedChunk>> LoadFinishedChunksAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT seq, artifact_key, sample_rate, samples, words FROM job_chunks WHERE job_id = $1 AND state = 'done' ORDER BY seq
            """);
        command.Parameters.AddWithValue(id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var chunks = new List<FinishedChunk>();
        while (await reader.ReadAsync(cancellationToken))
        {
            chunks.Add(new FinishedChunk(
                reader.GetInt32(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3),
                reader.IsDBNull(4) ? [] : ChunkWordsJson.Read(reader.GetString(4))));
        }

        return chunks;
    }

    /// <summary>The id of a stored job belonging to the tenant under this idempotency key, with its request fingerprint.</summary>
    public async Task<(Guid JobId, string? Fingerprint)?> FindByIdempotencyKeyAsync(Guid tenantId, string key, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, request_fingerprint FROM jobs WHERE tenant_id = $1 AND idempotency_key = $2");
        command.Parameters.AddWithValue(tenantId);
        command.Parameters.AddWithValue(key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetString(1))
            : null;
    }

    /// <summary>Writes the job's mutable columns if its row is still at <paramref name="expectedVersion"/>.</summary>
    public async Task<bool> UpdateAsync(JobSnapshot job, int expectedVersion, CancellationToken cancellationToken = default) =>
        await groupCommit.ExecuteAsync(() => CreateUpdate(job, expectedVersion)) == 1;

    private static NpgsqlBatchCommand CreateUpdate(JobSnapshot job, int expectedVersion)
    {
        var command = new NpgsqlBatchCommand("""
            UPDATE jobs SET status = $3, started_at = $4, finished_at = $5, chunks_done = $6, audio_seconds = $7,
                            gpu_seconds = $8, cost_usd = $9, error_code = $10, error_message = $11,
                            row_version = row_version + 1
            WHERE id = $1 AND row_version = $2
            """);
        command.Parameters.AddWithValue(job.Id);
        command.Parameters.AddWithValue(expectedVersion);
        command.Parameters.AddWithValue(job.Status.ToWireName());
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)job.StartedAt ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)job.FinishedAt ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.AddWithValue(job.ChunksDone);
        command.Parameters.AddWithValue(job.AudioSeconds);
        command.Parameters.AddWithValue(job.GpuSeconds);
        command.Parameters.AddWithValue(job.CostUsd);
        command.Parameters.Add(Text(job.Error?.Code));
        command.Parameters.Add(Text(job.Error?.Message));
        return command;
    }

    /// <summary>
    /// One page of a tenant's jobs, newest first, optionally of one status, starting after <paramref name="after"/>
    /// (the last job of the previous page). Returns one row more than asked when there is a next page.
    /// </summary>
    public async Task<IReadOnlyList<JobSnapshot>> ListAsync(
        Guid tenantId, JobStatus? status, int limit, JobPageCursor? after, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {SnapshotColumns} FROM jobs
            WHERE tenant_id = $1
              AND ($2::text IS NULL OR status = $2)
              AND ($3::timestamptz IS NULL OR (created_at, id) < ($3, $4))
            ORDER BY created_at DESC, id DESC
            LIMIT $5
            """);
        command.Parameters.AddWithValue(tenantId);
        command.Parameters.Add(Text(status?.ToWireName()));
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)after?.CreatedAt ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = after?.Id ?? Guid.Empty, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.AddWithValue(limit + 1);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var jobs = new List<JobSnapshot>();
        while (await reader.ReadAsync(cancellationToken))
        {
            jobs.Add(ReadSnapshot(reader));
        }

        return jobs;
    }

    /// <summary>The newest jobs of every tenant with the tenant's name, newest first, for operators.</summary>
    public async Task<IReadOnlyList<TenantJob>> ListNewestAcrossTenantsAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {SnapshotColumns}, (SELECT name FROM tenants WHERE tenants.id = jobs.tenant_id)
            FROM jobs ORDER BY created_at DESC, id DESC LIMIT $1
            """);
        command.Parameters.AddWithValue(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var jobs = new List<TenantJob>();
        while (await reader.ReadAsync(cancellationToken))
        {
            jobs.Add(new TenantJob(ReadSnapshot(reader), reader.GetString(SnapshotColumnCount)));
        }

        return jobs;
    }

    private static NpgsqlParameter Text(string? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    private static async Task<Guid?> FindConflictingAsync(NpgsqlConnection connection, JobSnapshot job, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT id FROM jobs WHERE id = $1 OR (tenant_id = $2 AND idempotency_key = $3)
            ORDER BY (id = $1) DESC LIMIT 1
            """, connection);
        command.Parameters.AddWithValue(job.Id);
        command.Parameters.AddWithValue(job.TenantId);
        command.Parameters.Add(Text(job.IdempotencyKey));
        return await command.ExecuteScalarAsync(cancellationToken) as Guid?
            ?? throw new InvalidOperationException($"Job {job.Id} conflicted on insert but no conflicting row was found.");
    }

    private static JobSnapshot ReadSnapshot(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetGuid(0),
        TenantId = reader.GetGuid(1),
        Status = JobStatusExtensions.TryParseWireName(reader.GetString(2), out var status)
            ? status
            : throw new InvalidOperationException($"Unknown job status '{reader.GetString(2)}'."),
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(3),
        StartedAt = reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
        FinishedAt = reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
        Model = reader.GetString(6),
        Voice = reader.GetString(7),
        Format = reader.GetString(8),
        Speed = reader.GetDouble(9),
        Priority = JobPriorityExtensions.TryParseWireName(reader.GetString(10), out var priority)
            ? priority
            : throw new InvalidOperationException($"Unknown job priority '{reader.GetString(10)}'."),
        Characters = reader.GetInt32(11),
        ChunksTotal = reader.GetInt32(12),
        ChunksDone = reader.GetInt32(13),
        AudioSeconds = reader.GetDouble(14),
        GpuSeconds = reader.GetDouble(15),
        CostUsd = reader.GetDecimal(16),
        Error = reader.IsDBNull(17) ? null : new JobError(reader.GetString(17), reader.IsDBNull(18) ? "" : reader.GetString(18)),
        WebhookUrl = reader.IsDBNull(19) ? null : reader.GetString(19),
        MetadataJson = reader.IsDBNull(20) ? null : reader.GetString(20),
        IdempotencyKey = reader.IsDBNull(21) ? null : reader.GetString(21),
        RequestFingerprint = reader.IsDBNull(22) ? null : reader.GetString(22),
        Pool = reader.GetString(23),
        Version = reader.GetInt32(24),
        SampleRate = reader.IsDBNull(25) ? null : reader.GetInt32(25),
    };
}
