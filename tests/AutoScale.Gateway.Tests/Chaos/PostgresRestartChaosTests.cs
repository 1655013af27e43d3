using System.Net;
using AutoScale.Data;
using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace AutoScale.Gateway.Tests.Chaos;

[Trait("Category", "Chaos")]
[Collection(ChaosSettings.Collection)]
public sealed class PostgresRestartChaosTests(ITestOutputHelper output)
{
    [Fact]
    public Task While_postgres_is_down_the_gateway_answers_503_and_after_its_restart_recovers_without_a_restart_and_loses_no_job() =>
        RunOutageAsync(TimeSpan.FromSeconds(5));

    /// <summary>The issue's minute: longer than every timeout of membership (probes, votes, table refresh) and of the workers' pulls.</summary>
    [Fact]
    public Task A_minute_without_postgres_under_load_kills_no_process_declares_no_silo_dead_and_loses_no_accepted_job() =>
        RunOutageAsync(TimeSpan.FromSeconds(60));

    private async Task RunOutageAsync(TimeSpan outageLength)
    {
        var started = TimeProvider.System.GetTimestamp();
        // A private server: the shared test server must never be stopped.
        var root = Path.Combine(Path.GetTempPath(), $"autoscale-chaos-postgres-{Guid.NewGuid():N}");
        var postgres = LocalPostgresCluster.StartOrReuse(root);
        try
        {
            var database = postgres.CreateDatabase("chaos");
            await using var cluster = await ChaosCluster.StartAsync(database, workers: 2, ChaosSettings.QuickRecovery());
            var tenants = await ChaosBatch.CreateTenantsAsync(cluster.Gateway, 2);
            var before = await ChaosBatch.SubmitAllAsync(cluster.Gateway, ChaosBatch.Mixed(30, tenants, maxSentences: 8, seed: 33), concurrency: 8);
            await Eventually.TrueAsync(
                async () => (await JobLedger.CountByStatusAsync(database, [.. before.Select(a => a.Id)])).GetValueOrDefault("succeeded") >= 3,
                TimeSpan.FromMinutes(1), "3 jobs to succeed before PostgreSQL stops");

            postgres.Stop();
            var probe = new OutageProbe(cluster.Gateway, tenants, before);
            using (var outage = new CancellationTokenSource(outageLength))
            {
                var probing = probe.RunAsync(loops: 4, outage.Token);
                await Task.Delay(outageLength);
                // Requests still waiting on the database when it comes back are answered after; they count all the same.
                postgres = LocalPostgresCluster.StartOrReuse(root);
                await probing;
            }

            var outageAnswers = probe.Answers;
            output.WriteLine($"{outageAnswers.Count} answers during the {outageLength.TotalSeconds:0} s outage (load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}): "
                + string.Join(", ", outageAnswers.GroupBy(a => a.Status).Select(g => $"{g.Key?.ToString() ?? "none"} {g.Count()}")));
            Assert.True(outageAnswers.Count >= 10, $"Only {outageAnswers.Count} requests were answered during the outage.");
            Assert.Contains(outageAnswers, a => a.Status == HttpStatusCode.ServiceUnavailable);
            var wrong = outageAnswers.Where(a => !a.IsAcceptable).ToList();
            Assert.True(wrong.Count == 0,
                $"{wrong.Count} of {outageAnswers.Count} answers while PostgreSQL was down were not a 503 problem with Retry-After nor a success:\n"
                + string.Join("\n", wrong.Take(15)) + $"\n{cluster.Transcript()}");
            Assert.False(cluster.Gateway.Process.HasExited, $"The gateway died during the outage:\n{cluster.Gateway.Process.RecentOutput}");

            var recovery = TimeProvider.System.GetTimestamp();
            var firstAfter = await SubmitUntilAcceptedAsync(cluster.Gateway, tenants[0], TimeSpan.FromSeconds(60));
            output.WriteLine($"The gateway accepted a job again {TimeProvider.System.GetElapsedTime(recovery).TotalSeconds:0.0} s after PostgreSQL was back.");
            var after = await ChaosBatch.SubmitAllAsync(cluster.Gateway, ChaosBatch.Mixed(10, tenants, maxSentences: 8, seed: 34), concurrency: 8);

            // No process was killed here, so a silo the membership table calls Dead was declared dead by mistake.
            Assert.Equal(0, await DeadSilosAsync(database));
            await ChaosSettings.AssertEndToEndAsync(cluster, [.. before, .. probe.Accepted, firstAfter, .. after], TimeSpan.FromSeconds(75));
            Assert.Equal(0, await DeadSilosAsync(database));
            Assert.False(cluster.Gateway.Process.HasExited, "The gateway died after the outage.");
            Assert.All(cluster.Workers, worker => Assert.False(worker.HasExited, $"{worker.Name} died after the outage:\n{worker.RecentOutput}"));
            output.WriteLine($"Test took {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0} s.");
        }
        finally
        {
            postgres.Stop();
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<long> DeadSilosAsync(string database)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM orleansmembershiptable WHERE status = 6");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Submits until a 202, failing at once on an answer that is neither that nor a 503 problem.</summary>
    private static async Task<AcceptedJob> SubmitUntilAcceptedAsync(GatewayInstance gateway, string tenantKey, TimeSpan timeout)
    {
        using var client = gateway.Client(tenantKey);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var response = await client.SubmitAsync(new { text = "Submitted once PostgreSQL is back." });
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                var job = await response.JsonAsync();
                return new AcceptedJob(Guid.Parse(job.GetProperty("id").GetString()!), tenantKey, "wav");
            }

            await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.True(DateTime.UtcNow < deadline, $"The gateway still answers 503 {timeout.TotalSeconds:0} s after PostgreSQL came back.");
            Assert.False(gateway.Process.HasExited, "The gateway died.");
            await Task.Delay(250);
        }
    }
}
