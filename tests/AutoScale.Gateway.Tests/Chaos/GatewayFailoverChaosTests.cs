using System.Diagnostics;
using AutoScale.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace AutoScale.Gateway.Tests.Chaos;

/// <summary>Two gateways behind HAProxy, one SIGKILLed under load, then the other: the issue's first fault.</summary>
[Trait("Category", "Chaos")]
[Collection(ChaosSettings.Collection)]
public sealed class GatewayFailoverChaosTests(ITestOutputHelper output)
{
    /// <summary>The issue's target for every accepted job, the pools' queue and the scaler to answer on the survivor.</summary>
    private static readonly TimeSpan RecoveryTarget = TimeSpan.FromSeconds(10);

    [HaproxyFact]
    public async Task Killing_either_of_two_gateways_behind_the_load_balancer_loses_no_job_and_the_survivor_answers_within_10_s()
    {
        var started = Stopwatch.GetTimestamp();
        var database = await TestPostgres.CreateEmptyDatabaseAsync("chaosfailover");
        await using var cluster = await ChaosCluster.StartBehindLoadBalancerAsync(database, gateways: 2, workers: 2, ChaosSettings.QuickRecovery());
        var tenants = await ChaosBatch.CreateTenantsAsync(cluster.Gateway, 3);
        var submitter = new IdempotentSubmitter(cluster.PublicClient, pause: TimeSpan.FromMilliseconds(700));
        var batch = ChaosBatch.Mixed(200, tenants, maxSentences: 8, seed: 210);
        var submitting = submitter.SubmitAllAsync(batch, $"failover-{Guid.NewGuid():N}", concurrency: 3);
        output.WriteLine($"Cluster up after {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s (load average {LoadAverage()}).");

        await Eventually.TrueAsync(() => Task.FromResult(submitter.Accepted.Count >= 40 || submitting.IsCompleted), TimeSpan.FromMinutes(1), "40 jobs accepted");
        // From each kill until HAProxy's checks take the gateway out: a try sent to it then fails like one in flight.
        var windows = new List<(DateTimeOffset KilledAt, DateTimeOffset OutAt)>();
        foreach (var (victim, survivor) in new[] { (0, 1), (1, 0) })
        {
            var acceptedBefore = submitter.Accepted.Values.ToList();
            var killedAt = DateTimeOffset.UtcNow;
            var killedTimestamp = Stopwatch.GetTimestamp();
            await cluster.KillGatewayAsync(victim);
            var takenOut = WhenTakenOutAsync(cluster.LoadBalancer!, $"gateway-{victim + 1}");
            var recovery = await SurvivorRecovery.MeasureAsync(
                cluster.Gateways[survivor]!, killedAt, killedTimestamp, acceptedBefore, TimeSpan.FromSeconds(60));
            windows.Add((killedAt, await takenOut));
            output.WriteLine($"Gateway {victim + 1} killed at {killedAt:HH:mm:ss.fff} with {acceptedBefore.Count} jobs accepted (load average {LoadAverage()}); "
                + $"HAProxy took it out after {(windows[^1].OutAt - killedAt).TotalSeconds:0.0} s; on gateway {survivor + 1}: {recovery}.");
            Assert.True(recovery.All < RecoveryTarget, $"Gateway {survivor + 1} answered for everything only {recovery.All.TotalSeconds:0.0} s after the kill: {recovery}.");

            await cluster.RestartGatewayAsync(victim);
            output.WriteLine($"Gateway {victim + 1} back and balanced {Stopwatch.GetElapsedTime(killedTimestamp).TotalSeconds:0.0} s after its kill.");
        }

        await submitting;
        var accepted = submitter.Accepted.Values.ToList();
        Assert.Equal(batch.Count, accepted.Count);
        await ChaosSettings.AssertEndToEndAsync(cluster, accepted, TimeSpan.FromMinutes(2));
        Assert.Equal(batch.Count, (await JobsPerKeyAsync(database, submitter.Accepted.Keys)).Count(c => c == 1));

        var failed = submitter.Attempts.Where(a => a.Failed).ToList();
        output.WriteLine($"{submitter.Attempts.Count} tries for {batch.Count} jobs; {failed.Count} failed: "
            + string.Join("; ", failed.GroupBy(f => f.Status?.ToString() ?? "no answer").Select(g => $"{g.Key} {g.Count()}")));
        var unexplained = failed.Where(f => !windows.Any(w => f.SentAt <= w.OutAt && f.EndedAt >= w.KilledAt)).ToList();
        Assert.True(unexplained.Count == 0,
            $"{unexplained.Count} tries failed that were neither in flight at a kill nor sent to the killed gateway before HAProxy took it out:\n{string.Join("\n", unexplained.Take(15))}\n{cluster.Transcript()}");
        Assert.All(cluster.Workers, worker => Assert.False(worker.HasExited, $"{worker.Name} died:\n{worker.RecentOutput}"));
        output.WriteLine($"Test took {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s.");
    }

    private static async Task<DateTimeOffset> WhenTakenOutAsync(HaproxyProcess balancer, string server)
    {
        await Eventually.TrueAsync(
            async () => (await balancer.ServerStatesAsync()).GetValueOrDefault(server)?.StartsWith("DOWN", StringComparison.Ordinal) == true,
            TimeSpan.FromSeconds(30), $"haproxy to take {server} out");
        return DateTimeOffset.UtcNow;
    }

    /// <summary>How many jobs the database holds for each key (a retry that made a second job shows as 2).</summary>
    private static async Task<IReadOnlyList<long>> JobsPerKeyAsync(string database, IEnumerable<string> keys)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM jobs WHERE idempotency_key = ANY($1) GROUP BY idempotency_key");
        command.Parameters.AddWithValue(keys.ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new List<long>();
        while (await reader.ReadAsync())
        {
            counts.Add(reader.GetInt64(0));
        }

        return counts;
    }

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
