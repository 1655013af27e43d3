using AutoScale.Testing;
using Xunit.Abstractions;

namespace AutoScale.Gateway.Tests.Chaos;

[Trait("Category", "Chaos")]
[Collection(ChaosSettings.Collection)]
public sealed class GatewayKillChaosTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Jobs_accepted_before_a_sigkill_of_the_gateway_and_after_its_restart_all_succeed_with_each_chunk_once()
    {
        var started = TimeProvider.System.GetTimestamp();
        var database = await TestPostgres.CreateEmptyDatabaseAsync("chaosgatewaykill");
        await using var cluster = await ChaosCluster.StartAsync(database, workers: 2, ChaosSettings.QuickRecovery());
        var tenants = await ChaosBatch.CreateTenantsAsync(cluster.Gateway, 3);
        var before = await ChaosBatch.SubmitAllAsync(cluster.Gateway, ChaosBatch.Mixed(40, tenants, maxSentences: 12, seed: 21), concurrency: 8);
        var beforeIds = before.Select(a => a.Id).ToList();

        var atKill = await Eventually.ReturnsAsync(
            () => JobLedger.CountByStatusAsync(database, beforeIds), counts => counts.GetValueOrDefault("succeeded") >= 5,
            TimeSpan.FromMinutes(1), "5 jobs to succeed before the gateway is killed");
        Assert.True(atKill.GetValueOrDefault("succeeded") < before.Count, "The whole batch ended before the gateway was killed.");
        await cluster.KillAndRestartGatewayAsync();
        output.WriteLine($"Gateway killed with {JobLedger.Describe(atKill)}; back after {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0} s.");

        var after = await ChaosBatch.SubmitAllAsync(cluster.Gateway, ChaosBatch.Mixed(20, tenants, maxSentences: 12, seed: 22), concurrency: 8);
        await ChaosSettings.AssertEndToEndAsync(cluster, [.. before, .. after], TimeSpan.FromMinutes(2));
        Assert.All(cluster.Workers, worker => Assert.False(worker.HasExited, $"{worker.Name} died:\n{worker.RecentOutput}"));
        output.WriteLine($"Test took {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0} s.");
    }
}
