using AutoScale.Data;
using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Testing;
using Npgsql;

namespace AutoScale.Gateway.Tests.Cluster;

public sealed class ClusterMembershipTests
{
    // Orleans' SiloStatus values as the membership table stores them.
    private const int Active = 3;
    private const int Dead = 6;

    [Fact]
    public async Task A_gateway_and_a_worker_process_form_one_cluster_in_the_postgres_membership_table()
    {
        var database = await TestPostgres.CreateEmptyDatabaseAsync("membership");
        await using var gateway = await GatewayInstance.StartAsync(database);
        var workerPort = LocalPostgresCluster.FreeTcpPort();
        await using var worker = StartWorker(database, workerPort);

        var active = await Eventually.ReturnsAsync(
            () => worker.HasExited
                ? throw new InvalidOperationException($"The worker exited:\n{worker.RecentOutput}")
                : SilosAsync(database, Active),
            silos => silos.Count == 2, TimeSpan.FromSeconds(90),
            "the gateway and the worker to be Active in OrleansMembershipTable");
        Assert.Equal(new[] { gateway.SiloPort, workerPort }.Order(), active.Order());

        Assert.True(await worker.StopAsync(TimeSpan.FromSeconds(60)), $"the worker did not stop on SIGTERM:\n{worker.RecentOutput}");
        Assert.True(worker.ExitCode == 0, $"the worker exited with {worker.ExitCode}:\n{worker.RecentOutput}");
        await Eventually.TrueAsync(
            async () => (await SilosAsync(database, Dead)).Contains(workerPort), TimeSpan.FromSeconds(30),
            "the worker's membership row to say Dead after its graceful stop");
        Assert.Equal([gateway.SiloPort], await SilosAsync(database, Active));
    }

    [Fact]
    public async Task A_worker_started_before_any_gateway_waits_for_the_schema_and_joins_once_a_gateway_applies_it()
    {
        var database = await TestPostgres.CreateEmptyDatabaseAsync("schemawait");
        var workerPort = LocalPostgresCluster.FreeTcpPort();
        await using var worker = StartWorker(database, workerPort);
        await Eventually.TrueAsync(
            () => Task.FromResult(worker.RecentOutput.Contains("waiting up to 300 s for a gateway to apply the schema", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60), "the worker to say it waits for the schema");
        Assert.False(worker.HasExited, worker.RecentOutput);

        await using var gateway = await GatewayInstance.StartAsync(database);

        var active = await Eventually.ReturnsAsync(
            () => SilosAsync(database, Active), silos => silos.Count == 2, TimeSpan.FromSeconds(90),
            "the gateway and the early worker to be Active in OrleansMembershipTable");
        Assert.Equal(new[] { gateway.SiloPort, workerPort }.Order(), active.Order());
        Assert.Contains("The cluster's tables appeared in database", worker.RecentOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_worker_whose_gateway_never_comes_stops_after_its_patience_with_one_sentence_and_exit_code_3()
    {
        var database = await TestPostgres.CreateEmptyDatabaseAsync("schemanever");
        await using var worker = StartWorker(database, LocalPostgresCluster.FreeTcpPort(), new() { ["Worker__SchemaWaitSeconds"] = "2" });

        Assert.True(await worker.WaitForExitAsync(TimeSpan.FromSeconds(60)), $"the worker did not give up:\n{worker.RecentOutput}");

        Assert.True(worker.ExitCode == 3, $"the worker exited with {worker.ExitCode}:\n{worker.RecentOutput}");
        Assert.Contains("start a gateway on this database first", worker.RecentOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", worker.RecentOutput, StringComparison.Ordinal);
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var schemaless = dataSource.CreateCommand("SELECT to_regclass('orleansmembershiptable') IS NULL");
        Assert.True((bool)(await schemaless.ExecuteScalarAsync())!, "the worker applied the schema itself: only the gateway may");
    }

    private static ServiceProcess StartWorker(string database, int siloPort, Dictionary<string, string>? extra = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = database,
            ["Orleans__SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Worker__Pool"] = "espeak",
            ["Artifacts__Path"] = Path.Combine(Path.GetTempPath(), "autoscale-test-artifacts", Guid.NewGuid().ToString("N")),
        };
        foreach (var (key, value) in extra ?? [])
        {
            environment[key] = value;
        }

        return ServiceProcess.Start("Silo", environment, "worker");
    }

    private static async Task<List<int>> SilosAsync(string database, int status)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var command = dataSource.CreateCommand("SELECT port FROM orleansmembershiptable WHERE status = $1");
        command.Parameters.AddWithValue(status);
        await using var reader = await command.ExecuteReaderAsync();
        var ports = new List<int>();
        while (await reader.ReadAsync())
        {
            ports.Add(reader.GetInt32(0));
        }

        return ports;
    }
}
