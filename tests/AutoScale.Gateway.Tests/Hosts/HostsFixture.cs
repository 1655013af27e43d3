using AutoScale.Data;
using AutoScale.Testing.Network;
using Npgsql;

namespace AutoScale.Gateway.Tests.Hosts;

/// <summary>
/// One network lab and one private PostgreSQL server for every test of the collection: hosts for two gateways, a load
/// balancer and four workers, and the server on the bridge (the lab's <see cref="NetworkLab.BridgeAddress"/>), which every
/// host reaches across its own link. Each test makes its own database and starts its own processes in these hosts.
/// </summary>
public sealed class HostsFixture : IAsyncLifetime
{
    private readonly string _postgresRoot = Path.Combine(Path.GetTempPath(), $"autoscale-hosts-postgres-{Guid.NewGuid():N}");
    private LocalPostgresCluster? _postgres;
    private NetworkLab? _lab;

    public NetworkLab Lab => _lab ?? throw new InvalidOperationException("The network lab is not made.");

    public IReadOnlyList<NetworkHost> Gateways { get; private set; } = [];

    public NetworkHost LoadBalancer { get; private set; } = null!;

    public IReadOnlyList<NetworkHost> Workers { get; private set; } = [];

    public async Task InitializeAsync()
    {
        if (NetworkLab.UnavailableReason is not null)
        {
            return;
        }

        _lab = await NetworkLab.CreateAsync();
        Gateways = [await _lab.AddHostAsync("gw1"), await _lab.AddHostAsync("gw2")];
        LoadBalancer = await _lab.AddHostAsync("lb");
        var workers = new List<NetworkHost>();
        for (var i = 1; i <= 4; i++)
        {
            workers.Add(await _lab.AddHostAsync($"w{i}"));
        }

        Workers = workers;
        _postgres = LocalPostgresCluster.StartOrReuse(_postgresRoot, new LocalPostgresNetwork(_lab.BridgeAddress.ToString(), _lab.Subnet));
    }

    /// <summary>A new empty database, as a connection string every host (and the test) reaches over the bridge.</summary>
    public string CreateDatabase(string purpose)
    {
        var postgres = _postgres ?? throw new InvalidOperationException("The lab's PostgreSQL is not running.");
        var local = postgres.CreateDatabase($"{purpose}_{Guid.NewGuid():N}");
        return new NpgsqlConnectionStringBuilder(local) { Host = Lab.BridgeAddress.ToString() }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        // Processes first (the lab kills what is left in its hosts), then the server, whose address is on the bridge.
        if (_lab is not null)
        {
            await _lab.DisposeAsync();
        }

        _postgres?.Stop();
        if (Directory.Exists(_postgresRoot))
        {
            Directory.Delete(_postgresRoot, recursive: true);
        }
    }
}

/// <summary>The host tests: one lab and server for all, one test at a time, apart from the other collections.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostsCollection : ICollectionFixture<HostsFixture>
{
    public const string Name = "Hosts";
}
