using System.Text.Json;
using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Testing.Network;
using Xunit.Abstractions;

namespace AutoScale.Gateway.Tests.Hosts;

[Trait("Category", "Chaos")]
[Collection(HostsCollection.Name)]
public sealed class SimultaneousStartTests(HostsFixture hosts, ITestOutputHelper output)
{
    [NetworkLabFact]
    public async Task Two_gateways_started_at_the_same_moment_on_an_empty_database_apply_one_schema_and_run_one_scaler()
    {
        var database = hosts.CreateDatabase("twostarts");
        var artifacts = Path.Combine(Path.GetTempPath(), "autoscale-test-artifacts", $"hosts-{Guid.NewGuid():N}");
        var settings = new Dictionary<string, string> { ["Cluster__JobDirectory"] = "postgres", ["Artifacts__Path"] = artifacts };
        var adminKey = $"admin-{Guid.NewGuid():N}";
        var started = TimeProvider.System.GetTimestamp();
        var gateways = hosts.Gateways.Select(host => GatewayInstance.Launch(database, settings, adminKey, keepTranscript: true, host: host)).ToList();
        try
        {
            await Task.WhenAll(gateways.Select(g => g.WaitUntilReadyAsync()));
            output.WriteLine($"Both gateways ready {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0.0} s after they were started together.");

            // Both answer for the one scaler: whichever gateway asks, the overview comes from the same activation.
            foreach (var gateway in gateways)
            {
                using var admin = gateway.Client(adminKey);
                var fleet = await admin.GetAsync("/admin/fleet");
                Assert.True(fleet.IsSuccessStatusCode, $"{gateway.BaseAddress} answered {(int)fleet.StatusCode} for the fleet.");
                JsonDocument.Parse(await fleet.Content.ReadAsStringAsync()).Dispose();
            }

            // Each silo is in the membership at its own host's address (it reached the other across the bridge to join).
            foreach (var host in hosts.Gateways)
            {
                var silos = await HostLedger.SilosAtAsync(database, host.Address);
                Assert.True(silos.FirstOrDefault()?.Status == HostLedger.ActiveStatus, $"No active silo at {host}: {string.Join(", ", silos)}.");
            }

            var versions = await HostLedger.ScalarAsync<long>(database, "SELECT count(*) FROM schema_migrations");
            var distinct = await HostLedger.ScalarAsync<long>(database, "SELECT count(DISTINCT version) FROM schema_migrations");
            var scripts = typeof(AutoScale.Migrations.SchemaMigrator).Assembly.GetManifestResourceNames().Count(n => n.EndsWith(".sql", StringComparison.Ordinal));
            output.WriteLine($"schema_migrations: {versions} rows, {distinct} versions, {scripts} scripts.");
            Assert.Equal(distinct, versions);
            Assert.Equal(scripts, versions);

            var lines = gateways.SelectMany(g => g.Process.Transcript.Select(line => (g.BaseAddress, line))).ToList();
            var activations = lines.Where(l => l.line.Contains("Scaler active:", StringComparison.Ordinal)).ToList();
            output.WriteLine($"Scaler activations: {string.Join("; ", activations.Select(a => $"{a.BaseAddress} {a.line.Trim()}"))}");
            Assert.Single(activations);
            var errors = lines.Where(l => l.line.StartsWith("fail:", StringComparison.Ordinal) || l.line.StartsWith("crit:", StringComparison.Ordinal)).ToList();
            Assert.True(errors.Count == 0, "A gateway logged an error while both started:\n" + string.Join("\n", errors.Select(e => $"{e.BaseAddress} {e.line}"))
                + "\n" + string.Join("\n\n", gateways.Select(g => g.Process.RecentOutput)));
        }
        finally
        {
            await Task.WhenAll(gateways.Select(g => g.DisposeAsync().AsTask()));
            if (Directory.Exists(artifacts))
            {
                Directory.Delete(artifacts, recursive: true);
            }
        }
    }
}
