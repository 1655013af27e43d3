using AutoScale.Grains.Tests.Infrastructure;
using AutoScale.Interfaces.Jobs;
using AutoScale.Interfaces.Work;
using AutoScale.Testing;

namespace AutoScale.Grains.Tests.Jobs;

/// <summary>
/// The job grain on a fake-clock cluster over PostgreSQL, driven as production drives it: the gateway's calls, and
/// the espeak pool's queue leasing and completing chunks (the test plays the worker) or sending the chunk events.
/// </summary>
[Collection(JobClusterCollection.Name)]
public sealed class JobGrainTests(JobClusterFixture fixture)
{
    private const string Text = "Dr. Smith arrived at 3.15 p.m. on Tuesday. \"Is it done?\" she asked. It was not! The work went on.";
    private const decimal CostPerChunk = 0.000347m;
    private const string Sentence = "This sentence is one of many that make up a long text for the chunker. ";
    private static readonly string LongText = string.Concat(Enumerable.Repeat(Sentence, 60)).Trim();

    private IWorkQueueGrain Queue => WorkQueues.Of(fixture.Grains, "espeak");

    private JobRequest Request(string? idempotencyKey = null, string text = Text, string model = "espeak") => new()
    {
        TenantId = fixture.TenantId,
        Text = text,
        Model = model,
        Voice = "en-us",
        Format = "wav",
        Speed = 1.0,
        Priority = JobPriority.Normal,
        IdempotencyKey = idempotencyKey,
        RequestFingerprint = idempotencyKey is null ? null : "fingerprint",
    };

    private async Task<(IJobGrain Grain, JobSnapshot Job)> SubmitAsync(JobRequest? request = null)
    {
        var grain = fixture.Grains.GetGrain<IJobGrain>(Guid.CreateVersion7());
        var result = await grain.SubmitAsync(request ?? Request());
        return (grain, result.Job ?? throw new InvalidOperationException("Submit created no job."));
    }

    private async Task<(string Status, int ChunkRows, DateTimeOffset? FinishedAt)> ReadRowAsync(Guid id)
    {
        await using var command = fixture.Database.CreateCommand(
            "SELECT status, (SELECT count(*) FROM job_chunks WHERE job_id = j.id)::int, finished_at FROM jobs j WHERE id = $1");
        command.Parameters.AddWithValue(id);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"Job {id} has no row.");
        return (reader.GetString(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2));
    }

    private async Task<List<(int Sequence, int Start, int Length)>> ReadChunkRowsAsync(Guid id)
    {
        await using var command = fixture.Database.CreateCommand(
            "SELECT seq, char_start, char_length FROM job_chunks WHERE job_id = $1 ORDER BY seq");
        command.Parameters.AddWithValue(id);
        await using var reader = await command.ExecuteReaderAsync();
        var chunks = new List<(int, int, int)>();
        while (await reader.ReadAsync())
        {
            chunks.Add((reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2)));
        }

        return chunks;
    }

    /// <summary>Leases every chunk of the job from its pool's queue, as a worker does; the queue then tells the job.</summary>
    private async Task<List<ChunkLease>> LeaseAllAsync(JobSnapshot job)
    {
        var leases = new List<ChunkLease>();
        for (var round = 0; round < 100 && leases.Count < job.ChunksTotal; round++)
        {
            // Chunks of earlier tests' jobs may be queued too: this worker takes them along and leaves them.
            leases.AddRange((await Queue.TakeAsync("job-tests", 256, TimeSpan.Zero)).Where(l => l.JobId == job.Id));
        }

        Assert.Equal(job.ChunksTotal, leases.Count);
        return leases;
    }

    /// <summary>The chunk events are one-way: wait for the job to show what they did.</summary>
    private Task<JobSnapshot> WaitForAsync(Guid id, Func<JobSnapshot, bool> accept, string awaited) =>
        Eventually.ReturnsAsync(
            async () => (await fixture.Grains.GetGrain<IJobGrain>(id).GetAsync())!, accept, TimeSpan.FromSeconds(30), awaited);

    /// <summary>Runs the job to success the way production does: its chunks leased, then each one's audio reported.</summary>
    private async Task<JobSnapshot> SucceedThroughTheQueueAsync(JobSnapshot job)
    {
        var leases = await LeaseAllAsync(job);
        await WaitForAsync(job.Id, j => j.Status == JobStatus.Running, "the job to run once its chunks are leased");
        foreach (var lease in leases)
        {
            await Queue.CompleteAsync(WorkerReports.Done(lease, "job-tests", costUsd: CostPerChunk));
        }

        return await WaitForAsync(job.Id, j => j.Status == JobStatus.Succeeded, "the job to succeed once every chunk is reported");
    }

    [Fact]
    public async Task Submit_stores_the_job_and_its_chunks_before_answering()
    {
        var (_, job) = await SubmitAsync();

        var row = await ReadRowAsync(job.Id);
        Assert.Equal("queued", row.Status);
        Assert.Equal(JobStatus.Queued, job.Status);
        Assert.Equal(Text.Length, job.Characters);
        Assert.True(job.ChunksTotal >= 1);
        Assert.Equal(job.ChunksTotal, row.ChunkRows);
        Assert.Equal(fixture.Clock.GetUtcNow(), job.CreatedAt);
    }

    [Fact]
    public async Task Chunks_cover_the_whole_text_in_order()
    {
        var (_, job) = await SubmitAsync(Request(text: LongText));

        var chunks = await ReadChunkRowsAsync(job.Id);

        Assert.Equal(job.ChunksTotal, chunks.Count);
        Assert.True(chunks.Count > 1, "a 4,000-character text should need several chunks");
        Assert.Equal(Enumerable.Range(0, chunks.Count), chunks.Select(c => c.Sequence));
        var spoken = string.Join(" ", chunks.Select(c => LongText.Substring(c.Start, c.Length)));
        Assert.Equal(LongText.Replace(" ", ""), spoken.Replace(" ", ""));
        Assert.All(chunks, c => Assert.True(c.Length <= 1_000));
    }

    [Fact]
    public async Task A_job_moves_from_queued_through_running_to_succeeded_with_timestamps()
    {
        var (_, job) = await SubmitAsync(Request(text: LongText));

        fixture.Clock.Advance(TimeSpan.FromSeconds(2));
        var leases = await LeaseAllAsync(job);
        var started = await WaitForAsync(job.Id, j => j.Status == JobStatus.Running, "the job to run once a chunk is leased");
        fixture.Clock.Advance(TimeSpan.FromSeconds(3));
        foreach (var lease in leases)
        {
            await Queue.CompleteAsync(WorkerReports.Done(lease, "job-tests", costUsd: CostPerChunk));
        }

        var succeeded = await WaitForAsync(job.Id, j => j.Status == JobStatus.Succeeded, "the job to succeed with its last chunk");
        Assert.Equal(JobStatus.Queued, job.Status);
        Assert.Equal(succeeded.CreatedAt + TimeSpan.FromSeconds(2), started.StartedAt);
        Assert.Equal(started.StartedAt, succeeded.StartedAt);
        Assert.Equal(succeeded.StartedAt + TimeSpan.FromSeconds(3), succeeded.FinishedAt);
        Assert.Equal(succeeded.ChunksTotal, succeeded.ChunksDone);
        Assert.Equal(succeeded.ChunksTotal * CostPerChunk, succeeded.CostUsd);
        Assert.Equal("succeeded", (await ReadRowAsync(succeeded.Id)).Status);
    }

    [Fact]
    public async Task Terminal_states_never_change()
    {
        var (grain, job) = await SubmitAsync();
        var done = await SucceedThroughTheQueueAsync(job);
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));

        await grain.ChunkLeasedAsync();
        await grain.ChunkFailedAsync(0, "too late");
        await grain.ChunkDoneAsync(0);
        await grain.SettleAsync();
        var cancel = await grain.CancelAsync();

        Assert.False(cancel.Applied);
        Assert.Equal(done, cancel.Job);
        Assert.Equal(done, await grain.GetAsync());
        var row = await ReadRowAsync(done.Id);
        Assert.Equal(("succeeded", done.FinishedAt), (row.Status, row.FinishedAt));
    }

    [Fact]
    public async Task Cancel_is_idempotent()
    {
        var (grain, _) = await SubmitAsync();

        var first = await grain.CancelAsync();
        fixture.Clock.Advance(TimeSpan.FromSeconds(5));
        var second = await grain.CancelAsync();

        Assert.True(first.Applied);
        Assert.False(second.Applied);
        Assert.Equal(JobStatus.Cancelled, second.Job.Status);
        Assert.Equal(first.Job.FinishedAt, second.Job.FinishedAt);
        Assert.Null(first.Job.StartedAt);
    }

    [Fact]
    public async Task A_job_does_not_succeed_while_a_chunk_is_unfinished()
    {
        var (grain, job) = await SubmitAsync(Request(text: LongText));
        var leases = await LeaseAllAsync(job);
        await Queue.CompleteAsync(WorkerReports.Done(leases[0], "job-tests", costUsd: CostPerChunk));
        await WaitForAsync(job.Id, j => j.ChunksDone == 1, "the first reported chunk to count");

        // Told of a chunk whose audio was never recorded, and told to settle: the rows say one chunk is done.
        await grain.ChunkDoneAsync(leases[1].Sequence);
        await grain.SettleAsync();
        var after = (await grain.GetAsync())!;

        Assert.Equal(JobStatus.Running, after.Status);
        Assert.Equal(1, after.ChunksDone);
        Assert.Null(after.FinishedAt);
        Assert.Equal("running", (await ReadRowAsync(job.Id)).Status);
    }

    [Fact]
    public async Task Failing_records_the_reason()
    {
        var (grain, job) = await SubmitAsync();
        await LeaseAllAsync(job);
        await WaitForAsync(job.Id, j => j.Status == JobStatus.Running, "the job to run once leased");

        // What the queue tells the job when a chunk has run out of attempts.
        await grain.ChunkFailedAsync(0, "The engine crashed three times.");
        var failed = await WaitForAsync(job.Id, j => j.Status == JobStatus.Failed, "the job to fail");

        Assert.Equal(new JobError("chunk_failed", "Chunk 0 failed: The engine crashed three times."), failed.Error);
        await using var command = fixture.Database.CreateCommand("SELECT error_code, error_message FROM jobs WHERE id = $1");
        command.Parameters.AddWithValue(failed.Id);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(("chunk_failed", "Chunk 0 failed: The engine crashed three times."), (reader.GetString(0), reader.GetString(1)));
    }

    [Fact]
    public async Task Submitting_again_to_the_same_job_returns_the_stored_job()
    {
        var (grain, job) = await SubmitAsync();

        var again = await grain.SubmitAsync(Request(text: "Something else entirely."));

        Assert.Equal(job, again.Job);
    }

    [Fact]
    public async Task An_idempotency_key_already_used_by_the_tenant_points_to_the_first_job()
    {
        var key = $"key-{Guid.NewGuid()}";
        var (_, first) = await SubmitAsync(Request(key));

        var secondId = Guid.CreateVersion7();
        var second = await fixture.Grains.GetGrain<IJobGrain>(secondId).SubmitAsync(Request(key));

        Assert.Null(second.Job);
        Assert.Equal(first.Id, second.ExistingJobId);
        Assert.Null(await fixture.Grains.GetGrain<IJobGrain>(secondId).GetAsync());
    }

    [Fact]
    public async Task An_unknown_job_is_null()
    {
        Assert.Null(await fixture.Grains.GetGrain<IJobGrain>(Guid.NewGuid()).GetAsync());
    }

    [Fact]
    public async Task An_unknown_model_is_refused()
    {
        var grain = fixture.Grains.GetGrain<IJobGrain>(Guid.CreateVersion7());

        var error = await Assert.ThrowsAsync<ArgumentException>(() => grain.SubmitAsync(Request(model: "no-such-model")));

        Assert.Contains("no-such-model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_over_a_stale_row_is_refused_and_changes_nothing()
    {
        var (grain, job) = await SubmitAsync();
        await using (var tamper = fixture.Database.CreateCommand("UPDATE jobs SET row_version = row_version + 1 WHERE id = $1"))
        {
            tamper.Parameters.AddWithValue(job.Id);
            await tamper.ExecuteNonQueryAsync();
        }

        await Assert.ThrowsAsync<InvalidOperationException>(() => grain.CancelAsync());

        Assert.Equal("queued", (await ReadRowAsync(job.Id)).Status);
    }
}
