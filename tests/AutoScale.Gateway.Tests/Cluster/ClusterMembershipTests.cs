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
        await using var worker = ServiceProcess.Start("Silo", new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = database,
            ["Orleans__SiloPort"] = workerPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Worker__Pool"] = "espeak",
            ["Artifacts__Path"] = Path.Combine(Path.GetTempPath(), "autoscale-test-artifacts", Guid.NewGuid().ToString("N")),
        }, "worker");

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
