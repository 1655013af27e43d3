using AutoScale.Grains.Tests.Infrastructure;
using AutoScale.Interfaces.Jobs;

namespace AutoScale.Grains.Tests.Jobs;

[Collection(JobClusterCollection.Name)]
public sealed class JobGrainTests(JobClusterFixture fixture)
{
    private const string Text = "Dr. Smith arrived at 3.15 p.m. on Tuesday. \"Is it done?\" she asked. It was not! The work went on.";

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

    [Fact]
    public async Task SubmitStoresTheJobAndItsChunksBeforeAnswering()
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
    public async Task ChunksCoverTheWholeTextInOrder()
    {
        var sentence = "This sentence is one of many that make up a long text for the chunker. ";
        var text = string.Concat(Enumerable.Repeat(sentence, 60)).Trim();
        var (grain, job) = await SubmitAsync(Request(text: text));

        var chunks = await grain.GetChunksAsync();

        Assert.Equal(job.ChunksTotal, chunks.Count);
        Assert.True(chunks.Count > 1, "a 4,000-character text should need several chunks");
        Assert.Equal(Enumerable.Range(0, chunks.Count), chunks.Select(c => c.Sequence));
        var spoken = string.Join(" ", chunks.Select(c => text.Substring(c.Start, c.Length)));
        Assert.Equal(text.Replace(" ", ""), spoken.Replace(" ", ""));
        Assert.All(chunks, c => Assert.True(c.Length <= 1_000));
    }

    [Fact]
    public async Task AJobMovesFromQueuedThroughRunningToSucceededWithTimestamps()
    {
        var (grain, _) = await SubmitAsync();

        fixture.Clock.Advance(TimeSpan.FromSeconds(2));
        var started = await grain.StartAsync();
        fixture.Clock.Advance(TimeSpan.FromSeconds(3));
        var succeeded = await grain.SucceedAsync(new JobOutcome(12.5, 1.25, 0.000347m));

        Assert.True(started.Applied);
        Assert.Equal(JobStatus.Running, started.Job.Status);
        Assert.True(succeeded.Applied);
        Assert.Equal(JobStatus.Succeeded, succeeded.Job.Status);
        Assert.Equal(succeeded.Job.CreatedAt + TimeSpan.FromSeconds(2), succeeded.Job.StartedAt);
        Assert.Equal(succeeded.Job.StartedAt + TimeSpan.FromSeconds(3), succeeded.Job.FinishedAt);
        Assert.Equal(succeeded.Job.ChunksTotal, succeeded.Job.ChunksDone);
        Assert.Equal(0.000347m, succeeded.Job.CostUsd);
        Assert.Equal("succeeded", (await ReadRowAsync(succeeded.Job.Id)).Status);
    }

    [Fact]
    public async Task TerminalStatesNeverChange()
    {
        var (grain, _) = await SubmitAsync();
        await grain.StartAsync();
        var done = (await grain.SucceedAsync(new JobOutcome(1, 1, 0))).Job;
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));

        var attempts = new[]
        {
            await grain.StartAsync(),
            await grain.FailAsync(new JobError("late", "too late")),
            await grain.CancelAsync(),
            await grain.SucceedAsync(new JobOutcome(9, 9, 9)),
        };

        Assert.All(attempts, attempt => Assert.False(attempt.Applied));
        Assert.All(attempts, attempt => Assert.Equal(done, attempt.Job));
        var row = await ReadRowAsync(done.Id);
        Assert.Equal(("succeeded", done.FinishedAt), (row.Status, row.FinishedAt));
    }

    [Fact]
    public async Task CancelIsIdempotent()
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
    public async Task AQueuedJobCannotSucceedWithoutRunning()
    {
        var (grain, job) = await SubmitAsync();

        var attempt = await grain.SucceedAsync(new JobOutcome(1, 1, 0));

        Assert.False(attempt.Applied);
        Assert.Equal(job, attempt.Job);
    }

    [Fact]
    public async Task FailingRecordsTheReason()
    {
        var (grain, _) = await SubmitAsync();
        await grain.StartAsync();

        var failed = await grain.FailAsync(new JobError("engine_error", "The engine crashed three times."));

        Assert.Equal(JobStatus.Failed, failed.Job.Status);
        await using var command = fixture.Database.CreateCommand("SELECT error_code, error_message FROM jobs WHERE id = $1");
        command.Parameters.AddWithValue(failed.Job.Id);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(("engine_error", "The engine crashed three times."), (reader.GetString(0), reader.GetString(1)));
    }

    [Fact]
    public async Task SubmittingAgainToTheSameJobReturnsTheStoredJob()
    {
        var (grain, job) = await SubmitAsync();

        var again = await grain.SubmitAsync(Request(text: "Something else entirely."));

        Assert.Equal(job, again.Job);
    }

    [Fact]
    public async Task AnIdempotencyKeyAlreadyUsedByTheTenantPointsToTheFirstJob()
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
    public async Task AnUnknownJobIsNull()
    {
        Assert.Null(await fixture.Grains.GetGrain<IJobGrain>(Guid.NewGuid()).GetAsync());
    }

    [Fact]
    public async Task AnUnknownModelIsRefused()
    {
        var grain = fixture.Grains.GetGrain<IJobGrain>(Guid.CreateVersion7());

        var error = await Assert.ThrowsAsync<ArgumentException>(() => grain.SubmitAsync(Request(model: "no-such-model")));

        Assert.Contains("no-such-model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWriteOverAStaleRowIsRefusedAndChangesNothing()
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
