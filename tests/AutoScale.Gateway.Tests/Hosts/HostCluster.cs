using AutoScale.Gateway.Tests.Chaos;
using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Testing;
using AutoScale.Testing.Network;

namespace AutoScale.Gateway.Tests.Hosts;

/// <summary>
/// Gateways and workers as real processes, each in its own host of the lab, on one database and one artifacts folder
/// (the hosts share this machine's file system; only their network is apart). A gateway can be SIGKILLed in its host
/// and started there again.
/// </summary>
public sealed class HostCluster : IAsyncDisposable
{
    private readonly Dictionary<NetworkHost, ServiceProcess> _workers = [];
    private readonly Dictionary<string, string> _workerSettings;
    private readonly GatewaySet _gateways;

    private HostCluster(string database, string artifacts, GatewaySet gateways, Dictionary<string, string> workerSettings)
    {
        Database = database;
        Artifacts = artifacts;
        _gateways = gateways;
        _workerSettings = workerSettings;
    }

    public string Database { get; }

    public string Artifacts { get; }

    /// <summary>The first gateway that runs (the only one, unless started in several hosts).</summary>
    public GatewayInstance Gateway => _gateways.Gateway;

    /// <summary>Each gateway host's running gateway, or null while it is killed.</summary>
    public IReadOnlyList<GatewayInstance?> Gateways => _gateways.Gateways;

    public IReadOnlyDictionary<NetworkHost, ServiceProcess> Workers => _workers;

    /// <summary>
    /// Starts the gateway in <paramref name="gatewayHost"/>, then one worker in each of <paramref name="workerHosts"/>, and
    /// waits until they are all in the cluster. <paramref name="settings"/> go to every process.
    /// </summary>
    public static Task<HostCluster> StartAsync(
        string database, NetworkHost gatewayHost, IEnumerable<NetworkHost> workerHosts, IReadOnlyDictionary<string, string> settings,
        string engine = "espeak") =>
        StartAsync(database, [gatewayHost], workerHosts, settings, engine);

    /// <summary>As above with a gateway in each of <paramref name="gatewayHosts"/>, one cluster (jobs' grain directory in PostgreSQL).</summary>
    public static async Task<HostCluster> StartAsync(
        string database, IReadOnlyList<NetworkHost> gatewayHosts, IEnumerable<NetworkHost> workerHosts, IReadOnlyDictionary<string, string> settings,
        string engine = "espeak")
    {
        var artifacts = Path.Combine(Path.GetTempPath(), "autoscale-test-artifacts", $"hosts-{Guid.NewGuid():N}");
        var shared = new Dictionary<string, string>(settings) { ["Artifacts__Path"] = artifacts };
        if (gatewayHosts.Count > 1)
        {
            shared["Cluster__JobDirectory"] = "postgres";
        }

        var gatewaySettings = new Dictionary<string, string>(shared);
        gatewaySettings.TryAdd("Jobs__MaxCharacters", "200000");
        var gateways = await GatewaySet.StartAsync(database, gatewayHosts, gatewaySettings);
        var cluster = new HostCluster(database, artifacts, gateways, new Dictionary<string, string>(shared) { ["Worker__Engine"] = engine });
        try
        {
            await Task.WhenAll(workerHosts.Select(host => cluster.StartWorkerAsync(host)));
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>SIGKILLs the gateway of host <paramref name="index"/> inside that host, as a crash or its power cut would.</summary>
    public Task KillGatewayAsync(int index) => _gateways.KillAsync(index);

    /// <summary>Starts killed gateway <paramref name="index"/> again in its host, on its ports, and waits until it is ready.</summary>
    public Task<GatewayInstance> RestartGatewayAsync(int index) => _gateways.RestartAsync(index);

    /// <summary>Starts a worker in <paramref name="host"/>, with <paramref name="settings"/> over the cluster's, and waits until it is in the cluster.</summary>
    public async Task<ServiceProcess> StartWorkerAsync(NetworkHost host, IReadOnlyDictionary<string, string>? settings = null)
    {
        var workerSettings = new Dictionary<string, string>(_workerSettings);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            workerSettings[key] = value;
        }

        var worker = await WorkerInstance.StartAsync(Database, Artifacts, host.Name, workerSettings, keepTranscript: true, host: host);
        lock (_workers)
        {
            _workers[host] = worker;
        }

        return worker;
    }

    /// <summary>Asserts every job succeeded and each chunk is in its rows and its audio exactly once.</summary>
    public Task AssertEndToEndAsync(IReadOnlyList<AcceptedJob> accepted, TimeSpan timeout) =>
        ChunkIntegrity.AssertJobsEndToEndAsync(Database, Artifacts, Gateway, accepted, timeout, Transcript);

    public string Transcript() =>
        string.Join("\n\n", _gateways.Transcripts()
            .Concat(_workers.Select(w => $"--- {w.Key} (exited: {w.Value.HasExited}) ---\n{w.Value.RecentOutput}")));

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_workers.Values.Select(w => w.DisposeAsync().AsTask()).Append(_gateways.DisposeAsync().AsTask()));
        if (Directory.Exists(Artifacts))
        {
            Directory.Delete(Artifacts, recursive: true);
        }
    }
}
