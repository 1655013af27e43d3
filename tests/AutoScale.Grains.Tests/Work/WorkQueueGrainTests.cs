using AutoScale.Grains.Tests.Infrastructure;
using AutoScale.Interfaces.Jobs;
using AutoScale.Interfaces.Work;
using AutoScale.Testing;

namespace AutoScale.Grains.Tests.Work;

/// <summary>The espeak pool's queue grain on a real-clock cluster over PostgreSQL; the test plays the worker.</summary>
public sealed class WorkQueueGrainTests(RealClockClusterFixture fixture) : IClassFixture<RealClockClusterFixture>
{
    private const string Pool = "espeak";
    private IWorkQueueGrain Queue => WorkQueues.Of(fixture.Grains, Pool);

    private async Task<JobSnapshot> SubmitAsync(string text, JobPriority priority = JobPriority.Normal)
    {
        var result = await fixture.Grains.GetGrain<IJobGrain>(Guid.CreateVersion7()).SubmitAsync(new JobRequest
        {
            TenantId = fixture.TenantId,
            Text = text,
            Model = "espeak",
            Voice = "en-us",
            Format = "wav",
            Speed = 1.0,
            Priority = priority,
        });
        return result.Job!;
    }

    private async Task<List<ChunkLease>> TakeAllOfAsync(Guid jobId, int expected)
    {
        var leases = new List<ChunkLease>();
        await Eventually.TrueAsync(async () =>
        {
            leases.AddRange((await Queue.TakeAsync("test-worker", 64, TimeSpan.FromSeconds(1))).Where(l => l.JobId == jobId));
            return leases.Count >= expected;
        }, TimeSpan.FromSeconds(30), $"{expected} chunks of job {jobId} to be leased");
        return leases;
    }

    private Task<JobSnapshot> WaitForJobAsync(Guid id, Func<JobSnapshot, bool> accept, string awaited) =>
        Eventually.ReturnsAsync(async () => (await fixture.Grains.GetGrain<IJobGrain>(id).GetAsync())!, accept, TimeSpan.FromSeconds(30), awaited);

    [Fact]
    public async Task A_jobs_chunks_are_leased_with_their_text_and_it_succeeds_when_all_are_reported()
    {
        var text = "First sentence here. Second one follows! And a third? Yes.";
        var job = await SubmitAsync(text);

        var leases = await TakeAllOfAsync(job.Id, job.ChunksTotal);
        await WaitForJobAsync(job.Id, j => j.Status == JobStatus.Running, "the job to be running once leased");
        foreach (var lease in leases)
        {
            await Queue.CompleteAsync(WorkerReports.Done(lease));
        }

        var done = await WaitForJobAsync(job.Id, j => j.Status == JobStatus.Succeeded, "the job to succeed");
        Assert.Equal(text.Replace(" ", ""), string.Concat(leases.OrderBy(l => l.Sequence).Select(l => l.Text)).Replace(" ", ""));
        Assert.Equal(job.ChunksTotal, done.ChunksDone);
        Assert.Equal(job.ChunksTotal * 1.0, done.AudioSeconds, 6);
        Assert.Equal(job.ChunksTotal * 0.001m, done.CostUsd);
    }

    [Fact]
    public async Task A_job_whose_last_completion_never_reached_it_settles_from_its_chunk_rows()
    {
        var job = await SubmitAsync("Its only chunk finishes, but the news is lost.");
        var lease = Assert.Single(await TakeAllOfAsync(job.Id, 1));

        // The chunk row says done, as a completion does, but nobody tells the job (the database was down for its update).
        await using (var done = fixture.Database.CreateCommand("""
            UPDATE job_chunks SET state = 'done', artifact_key = 'test/lost', sample_rate = 22050, samples = 22050,
                                  engine_seconds = 0.5, cost_usd = 0.001, finished_at = now()
            WHERE job_id = $1 AND seq = $2
            """))
        {
            done.Parameters.AddWithValue(lease.JobId);
            done.Parameters.AddWithValue(lease.Sequence);
            Assert.Equal(1, await done.ExecuteNonQueryAsync());
        }

        var settled = await WaitForJobAsync(job.Id, j => j.Status == JobStatus.Succeeded, "the job to settle as succeeded");
        Assert.Equal(1, settled.ChunksDone);
        Assert.Equal(1.0, settled.AudioSeconds, 6);
    }

    [Fact]
    public async Task A_chunk_reported_twice_counts_once()
    {
        var job = await SubmitAsync("One sentence only. But two chunks? No, one.");
        var leases = await TakeAllOfAsync(job.Id, job.ChunksTotal);

        await Queue.CompleteAsync(WorkerReports.Done(leases[0]));
        await Queue.CompleteAsync(WorkerReports.Done(leases[0], samples: 999_999));
        foreach (var lease in leases.Skip(1))
        {
            await Queue.CompleteAsync(WorkerReports.Done(lease));
        }

        var done = await WaitForJobAsync(job.Id, j => j.Status == JobStatus.Succeeded, "the job to succeed");
        Assert.Equal(job.ChunksTotal * 1.0, done.AudioSeconds, 6);
    }

    [Fact]
    public async Task A_long_poll_answers_as_soon_as_work_arrives()
    {
        var polling = Queue.TakeAsync("poller", 64, TimeSpan.FromSeconds(15));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var job = await SubmitAsync("Wake up, worker.");

        var leases = await polling;

        Assert.Contains(leases, l => l.JobId == job.Id);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the poll should end when work arrives, not after {clock.Elapsed}");
    }

    [Fact]
    public async Task A_chunk_that_keeps_failing_fails_its_job_with_the_reason()
    {
        var job = await SubmitAsync("This chunk will never work.");

        for (var attempt = 0; attempt < 2; attempt++)
        {
            var lease = (await TakeAllOfAsync(job.Id, 1))[0];
            await Queue.FailAsync(lease.LeaseId, lease.JobId, lease.Sequence, "engine exploded");
        }

        var failed = await WaitForJobAsync(job.Id, j => j.Status == JobStatus.Failed, "the job to fail");
        Assert.Contains("engine exploded", failed.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_a_job_tells_its_worker_to_drop_its_chunk()
    {
        var job = await SubmitAsync("Cancel this before it is spoken.");
        var lease = (await TakeAllOfAsync(job.Id, 1))[0];

        await fixture.Grains.GetGrain<IJobGrain>(job.Id).CancelAsync();

        Assert.False(await Queue.RenewAsync(lease.LeaseId));
    }

    [Fact]
    public async Task Released_chunks_of_a_dead_worker_are_leased_again()
    {
        var job = await SubmitAsync("A worker dies holding this.");
        var first = (await TakeAllOfAsync(job.Id, 1))[0];

        await Queue.ReleaseWorkerAsync("test-worker");
        var again = (await TakeAllOfAsync(job.Id, 1))[0];

        Assert.Equal(first.Sequence, again.Sequence);
        Assert.NotEqual(first.LeaseId, again.LeaseId);
    }
}
