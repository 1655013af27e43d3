using AutoScale.Data;
using AutoScale.Grains.Tests.Infrastructure;
using AutoScale.Grains.Work;
using AutoScale.Grains.Work.Scheduling;
using AutoScale.Interfaces.Jobs;
using AutoScale.Testing;
using Npgsql;

namespace AutoScale.Grains.Tests.Work;

/// <summary>The rescuer of the espeak pool's queue over a real PostgreSQL, with the job grains it tells faked.</summary>
public sealed class ChunkRescuerTests : IAsyncLifetime
{
    private const string Pool = "espeak";
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan RescanEvery = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private readonly FairWorkQueue _queue = new();
    private readonly RecordingJobs _jobs = new();
    private readonly ListLogger _log = new();
    private readonly List<WorkItem> _requeued = [];
    private NpgsqlDataSource _database = null!;
    private GroupCommit _groupCommit = null!;
    private ChunkRescuer _rescuer = null!;
    private int _wakes;
    private Guid _tenant;

    public async Task InitializeAsync()
    {
        _database = NpgsqlDataSource.Create(await TestPostgres.CreateMigratedDatabaseAsync("rescuer"));
        _groupCommit = new GroupCommit(_database);
        _tenant = Guid.NewGuid();
        await using (var tenant = _database.CreateCommand("INSERT INTO tenants (id, name) VALUES ($1, 'rescuer')"))
        {
            tenant.Parameters.AddWithValue(_tenant);
            await tenant.ExecuteNonQueryAsync();
        }

        _rescuer = new ChunkRescuer(
            Pool, _queue, new WorkItemStore(_database, _groupCommit), _jobs.Of, _requeued.AddRange, () => _wakes++, RescanEvery, Start, _log);
    }

    public async Task DisposeAsync()
    {
        await _groupCommit.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>A running job of <paramref name="pool"/> with one chunk row per state given, in sequence order.</summary>
    private async Task<Guid> InsertJobAsync(string pool, params string[] chunkStates)
    {
        var id = Guid.CreateVersion7();
        await using var command = _database.CreateCommand("""
            WITH job AS (
              INSERT INTO jobs (id, tenant_id, status, created_at, started_at, text, characters, model, voice, format, speed, priority, chunks_total, pool)
              VALUES ($1, $2, 'running', $4, $4, 'Some text.', 10, $3, 'en-us', 'wav', 1.0, 'normal', cardinality($5::text[]), $3)
              RETURNING id)
            INSERT INTO job_chunks (job_id, seq, char_start, char_length, text, state, artifact_key, samples, sample_rate, error)
            SELECT job.id, c.seq - 1, 0, 10, 'Some text.', c.state,
                   CASE WHEN c.state = 'done' THEN 'test/chunk' END, CASE WHEN c.state = 'done' THEN 22050 END,
                   CASE WHEN c.state = 'done' THEN 22050 END, CASE WHEN c.state = 'failed' THEN 'engine exploded' END
            FROM job, unnest($5::text[]) WITH ORDINALITY AS c(state, seq)
            """);
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(_tenant);
        command.Parameters.AddWithValue(pool);
        command.Parameters.AddWithValue(Start);
        command.Parameters.AddWithValue(chunkStates);
        await command.ExecuteNonQueryAsync();
        return id;
    }

    private WorkItem ItemOf(Guid jobId, int sequence) => new(new WorkItemKey(jobId, sequence), _tenant, JobPriority.Normal, 10, 0, null, Start);

    private async Task<string> RowStateAsync(Guid jobId, int sequence)
    {
        await using var command = _database.CreateCommand("SELECT state FROM job_chunks WHERE job_id = $1 AND seq = $2");
        command.Parameters.AddWithValue(jobId);
        command.Parameters.AddWithValue(sequence);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task An_expired_lease_goes_back_in_line_with_its_row_queued_and_wakes_waiting_workers()
    {
        var job = await InsertJobAsync(Pool, "leased");
        _queue.Enqueue([ItemOf(job, 0)]);
        _queue.Take("worker", 1, Start, Lease);

        var beforeExpiry = await _rescuer.ExpireLeasesAsync(Start + Lease - TimeSpan.FromTicks(1), CancellationToken.None);
        var atExpiry = await _rescuer.ExpireLeasesAsync(Start + Lease, CancellationToken.None);

        Assert.Equal((0, 1), (beforeExpiry, atExpiry));
        Assert.Equal((1, 0), (_queue.QueuedCount, _queue.LeasedCount));
        Assert.Equal("queued", await RowStateAsync(job, 0));
        Assert.Equal(1, _wakes);
        Assert.Contains("Queue espeak: 1 leases expired and went back", _log.Messages);
    }

    [Fact]
    public async Task Rows_memory_lacks_are_queued_once_a_rescan_is_due_and_not_before()
    {
        var job = await InsertJobAsync(Pool, "queued", "leased");
        _queue.Enqueue([ItemOf(job, 0)]);

        var early = await _rescuer.RescanIfDueAsync(Start + RescanEvery - TimeSpan.FromTicks(1), CancellationToken.None);
        var due = await _rescuer.RescanIfDueAsync(Start + RescanEvery, CancellationToken.None);
        var soonAfter = await _rescuer.RescanIfDueAsync(Start + RescanEvery + TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Null(early);
        Assert.Equal(new RescanCounts(Rescued: 1, Settled: 0), due);
        Assert.Null(soonAfter);
        Assert.Equal([new WorkItemKey(job, 1)], _requeued.Select(i => i.Key));
        Assert.Contains("Queue espeak found 1 stored chunks that needed a worker but were not in memory", _log.Messages);
    }

    [Fact]
    public async Task Open_jobs_whose_chunks_all_ended_are_settled_or_failed_and_others_are_left_alone()
    {
        var done = await InsertJobAsync(Pool, "done", "done");
        var failed = await InsertJobAsync(Pool, "done", "failed", "cancelled");
        var open = await InsertJobAsync(Pool, "done", "queued");
        var otherPool = await InsertJobAsync("kokoro", "done");
        _queue.Enqueue([ItemOf(open, 1)]);

        var counts = await _rescuer.RescanIfDueAsync(Start + RescanEvery, CancellationToken.None);

        Assert.Equal(new RescanCounts(Rescued: 0, Settled: 2), counts);
        Assert.Equal(new[] { $"{done} settle", $"{failed} chunk-failed 1: engine exploded" }.Order(), _jobs.Calls.Order());
        Assert.DoesNotContain(_jobs.Calls, c => c.StartsWith(open.ToString(), StringComparison.Ordinal) || c.StartsWith(otherPool.ToString(), StringComparison.Ordinal));
        Assert.Contains("Queue espeak found 2 jobs whose chunks had all ended without the job hearing of it", _log.Messages);
    }
}
