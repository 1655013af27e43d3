using AutoScale.Gateway.Tests.Chaos;
using AutoScale.Migrations;
using AutoScale.Testing;
using AutoScale.Testing.Network;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit.Abstractions;

namespace AutoScale.Gateway.Tests.Hosts;

[Trait("Category", "Chaos")]
[Collection(HostsCollection.Name)]
public sealed class WorkerCutOffTests(HostsFixture hosts, ITestOutputHelper output)
{
    private const string FleetId = "cutoff-w1";
    private static readonly TimeSpan CutOff = TimeSpan.FromSeconds(30);

    [NetworkLabFact]
    public async Task A_worker_cut_off_for_30_s_while_holding_leases_has_its_chunks_run_elsewhere_and_its_late_results_counted_never()
    {
        var started = TimeProvider.System.GetTimestamp();
        var settings = ChaosSettings.QuickRecovery();
        var leaseSeconds = int.Parse(settings["Queue__LeaseSeconds"], System.Globalization.CultureInfo.InvariantCulture);
        var database = hosts.CreateDatabase("cutoff");
        var victim = hosts.Workers[0];
        // The victim is a fleet worker the scaler bills: a record made before the scaler starts, which it follows to ready.
        await RecordFleetWorkerAsync(database, FleetId);
        await using var cluster = await HostCluster.StartAsync(database, hosts.Gateways[0], [hosts.Workers[1]], settings);
        await cluster.StartWorkerAsync(victim, new Dictionary<string, string> { ["Worker__FleetId"] = FleetId });
        await Eventually.TrueAsync(async () => await FleetStateAsync(database) == "ready", TimeSpan.FromSeconds(60), $"the scaler to see {FleetId} ready");
        var tenants = await ChaosBatch.CreateTenantsAsync(cluster.Gateway, 2);
        var accepted = await ChaosBatch.SubmitAllAsync(cluster.Gateway, ChaosBatch.Mixed(120, tenants, maxSentences: 10, seed: 21), concurrency: 8);
        // Cut while plenty is queued, so the victim is mid-stream (holding leases it keeps renewing), not finishing its last.
        // Two eSpeak workers run dozens of chunks a second: with only 20 queued, the queue once ran dry while the link
        // was being taken down, and the victim held nothing at the cut.
        await Eventually.TrueAsync(
            async () => (await HostLedger.LeasedToAsync(database, victim.Address)).Count >= 2
                && await HostLedger.ScalarAsync<long>(database, "SELECT count(*) FROM job_chunks WHERE state = 'queued'") >= 150,
            TimeSpan.FromSeconds(60), $"{victim} to hold two leases with more work queued");

        IReadOnlyList<ChunkKey> held;
        TimeSpan rerunAfter, deadAfter, goneAfter;
        try
        {
            await victim.DisconnectAsync();
            var cut = TimeProvider.System.GetTimestamp();
            // Read after the cut: what it held then can no longer change by its hand.
            held = await HostLedger.LeasedToAsync(database, victim.Address);
            Assert.NotEmpty(held);
            await Eventually.TrueAsync(
                async () => (await HostLedger.HoldersAsync(database, held)).All(h => h.State is "leased" or "done" && !IsAt(h.WorkerId, victim)),
                CutOff, $"the {held.Count} chunks {victim} held to be taken by another worker");
            rerunAfter = TimeProvider.System.GetElapsedTime(cut);
            await Eventually.TrueAsync(async () => (await HostLedger.SilosAtAsync(database, victim.Address)).FirstOrDefault()?.Status == HostLedger.DeadStatus,
                CutOff, $"the membership to declare {victim}'s silo dead");
            deadAfter = TimeProvider.System.GetElapsedTime(cut);
            await Eventually.TrueAsync(async () => await FleetStateAsync(database) == "gone", CutOff, $"the scaler to stop counting {FleetId}");
            goneAfter = TimeProvider.System.GetElapsedTime(cut);
            // The fault lasts its full 30 s, whatever recovered before.
            await Task.Delay(CutOff - TimeProvider.System.GetElapsedTime(cut) is { Ticks: > 0 } rest ? rest : TimeSpan.Zero);
        }
        finally
        {
            await victim.ReconnectAsync();
        }

        var reconnected = TimeProvider.System.GetTimestamp();
        var worker = cluster.Workers[victim];
        var outcome = await Eventually.ReturnsAsync(async () =>
            worker.HasExited ? $"exited with code {worker.ExitCode}"
            : (await HostLedger.SilosAtAsync(database, victim.Address)).FirstOrDefault()?.Status == HostLedger.ActiveStatus ? "rejoined as a new silo"
            : null,
            result => result is not null, TimeSpan.FromSeconds(60), $"{victim}'s worker to exit or rejoin after its link came back");
        output.WriteLine($"{held.Count} chunks leased to {victim} when its link went down; all taken by another worker {rerunAfter.TotalSeconds:0.0} s "
            + $"after the cut (lease {leaseSeconds} s); its silo declared dead after {deadAfter.TotalSeconds:0.0} s and its fleet record gone after "
            + $"{goneAfter.TotalSeconds:0.0} s; link up after {CutOff.TotalSeconds:0} s; the worker {outcome} "
            + $"{TimeProvider.System.GetElapsedTime(reconnected).TotalSeconds:0.0} s later, saying:\n"
            + string.Join("\n", worker.Transcript.Where(line => line.Contains("dead", StringComparison.OrdinalIgnoreCase)).Take(3)));

        await cluster.AssertEndToEndAsync(accepted, TimeSpan.FromSeconds(120));
        var holders = await HostLedger.HoldersAsync(database, held);
        Assert.All(holders, h => Assert.True(h.State == "done" && !IsAt(h.WorkerId, victim),
            $"Chunk {h.Chunk} it held is {h.State} by {h.WorkerId}: the cut-off worker's late result was recorded."));
        var reason = await HostLedger.ScalarAsync<string>(database, $"SELECT reason FROM fleet_workers WHERE id = '{FleetId}'");
        output.WriteLine($"Fleet record of {FleetId}: {await FleetStateAsync(database)}, {reason}; records not gone for its address: "
            + $"{await HostLedger.LiveFleetRecordsAtAsync(database, victim.Address)}.");
        Assert.Equal(0, await HostLedger.LiveFleetRecordsAtAsync(database, victim.Address));
        Assert.True(rerunAfter <= TimeSpan.FromSeconds(leaseSeconds + 4),
            $"Its chunks ran elsewhere only {rerunAfter.TotalSeconds:0.0} s after the cut; leases last {leaseSeconds} s.");
        Assert.False(cluster.Gateway.Process.HasExited, $"The gateway died:\n{cluster.Gateway.Process.RecentOutput}");
        Assert.False(cluster.Workers[hosts.Workers[1]].HasExited, "The worker that was never cut off died.");
        output.WriteLine($"Test took {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0} s.");
    }

    private static async Task RecordFleetWorkerAsync(string database, string id)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        await using var insert = dataSource.CreateCommand("""
            INSERT INTO fleet_workers (id, pool, provider, image, state, state_since, created_at, cost_per_hour_usd, reason)
            VALUES ($1, 'espeak', 'none', '', 'booting', now(), now(), 0.36, 'started by the test')
            """);
        insert.Parameters.AddWithValue(id);
        await insert.ExecuteNonQueryAsync();
    }

    private static Task<string> FleetStateAsync(string database) =>
        HostLedger.ScalarAsync<string>(database, $"SELECT state FROM fleet_workers WHERE id = '{FleetId}'");

    private static bool IsAt(string? workerId, NetworkHost host) =>
        workerId is not null && workerId.Contains($"{host.Address}:", StringComparison.Ordinal);
}
