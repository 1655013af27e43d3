using AutoScale.Testing;
using Xunit.Abstractions;

namespace AutoScale.Gateway.Tests.Chaos;

[Trait("Category", "Chaos")]
[Collection(ChaosSettings.Collection)]
public sealed class WorkerKillChaosTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_accepted_job_succeeds_with_each_chunk_once_while_workers_are_killed_every_few_seconds()
    {
        var started = TimeProvider.System.GetTimestamp();
        var random = new Random(8);
        var database = await TestPostgres.CreateEmptyDatabaseAsync("chaosworkerkills");
        // A chunk may sit on several of the killed workers in a row; this many kills are not what the attempt limit is for.
        var settings = new Dictionary<string, string>(ChaosSettings.QuickRecovery()) { ["Queue__MaxAttempts"] = "12" };
        await using var cluster = await ChaosCluster.StartAsync(database, workers: 3, settings);
        var tenants = await ChaosBatch.CreateTenantsAsync(cluster.Gateway, 3);
        // Enough work that the batch outlasts several kills: workers that hold a chunk beyond the engine's finish 100 jobs in 7 s.
        var accepted = await ChaosBatch.SubmitAllAsync(cluster.Gateway, ChaosBatch.Mixed(200, tenants, maxSentences: 12, seed: 8), concurrency: 8);
        Assert.Equal(200, accepted.Count);

        var ids = accepted.Select(a => a.Id).ToList();
        var batch = TimeProvider.System.GetTimestamp();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        var killsWhileRunning = 0;
        while (true)
        {
            var counts = await JobLedger.CountByStatusAsync(database, ids);
            if (counts.Where(c => c.Key is not ("queued" or "running")).Sum(c => c.Value) == ids.Count)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The batch did not end within 3 minutes: {JobLedger.Describe(counts)}.\n{cluster.Transcript()}");
            if (cluster.KillRandomWorker(random, minimumAge: TimeSpan.FromSeconds(3)))
            {
                killsWhileRunning++;
                cluster.LaunchWorker();
            }

            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(2000, 3000)));
        }

        output.WriteLine($"{killsWhileRunning} workers killed while the batch ran for {TimeProvider.System.GetElapsedTime(batch).TotalSeconds:0} s.");
        Assert.True(killsWhileRunning >= 3, $"Only {killsWhileRunning} workers were killed before the batch ended: the test proved little.");
        await ChaosSettings.AssertEndToEndAsync(cluster, accepted, TimeSpan.FromSeconds(30));
        Assert.All(cluster.Workers, worker => Assert.False(worker.HasExited, $"{worker.Name} died without being killed:\n{worker.RecentOutput}"));
        Assert.False(cluster.Gateway.Process.HasExited, "The gateway died.");
        output.WriteLine($"Test took {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0} s.");
    }
}
