using AutoScale.Gateway.Tests.Chaos;
using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Testing;
using AutoScale.Testing.Network;

namespace AutoScale.Gateway.Tests.Hosts;

/// <summary>
/// A gateway and workers as real processes, each in its own host of the lab, on one database and one artifacts folder
/// (the hosts share this machine's file system; only their network is apart).
/// </summary>
public sealed class HostCluster : IAsyncDisposable
{
    private readonly Dictionary<NetworkHost, ServiceProcess> _workers = [];
    private readonly Dictionary<string, string> _workerSettings;

    private HostCluster(string database, string artifacts, GatewayInstance gateway, Dictionary<string, string> workerSettings)
    {
        Database = database;
        Artifacts = artifacts;
        Gateway = gateway;
        _workerSettings = workerSettings;
    }

    public string Database { get; }

    public string Artifacts { get; }

    public GatewayInstance Gateway { get; }

    public IReadOnlyDictionary<NetworkHost, ServiceProcess> Workers => _workers;

    /// <summary>
    /// Starts the gateway in <paramref name="gatewayHost"/>, then one worker in each of <paramref name="workerHosts"/>, and
    /// waits until they are all in the cluster. <paramref name="settings"/> go to every process.
    /// </summary>
    public static async Task<HostCluster> StartAsync(
        string database, NetworkHost gatewayHost, IEnumerable<NetworkHost> workerHosts, IReadOnlyDictionary<string, string> settings,
        string engine = "espeak")
    {
        var artifacts = Path.Combine(Path.GetTempPath(), "autoscale-test-artifacts", $"hosts-{Guid.NewGuid():N}");
        var shared = new Dictionary<string, string>(settings) { ["Artifacts__Path"] = artifacts };
        var gatewaySettings = new Dictionary<string, string>(shared);
        gatewaySettings.TryAdd("Jobs__MaxCharacters", "200000");
        var gateway = await GatewayInstance.StartAsync(database, gatewaySettings, host: gatewayHost, keepTranscript: true);
        var cluster = new HostCluster(database, artifacts, gateway, new Dictionary<string, string>(shared) { ["Worker__Engine"] = engine });
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
    public async Task AssertEndToEndAsync(IReadOnlyList<AcceptedJob> accepted, TimeSpan timeout)
    {
        var ids = accepted.Select(a => a.Id).ToList();
        await JobLedger.AssertAllSucceedAsync(Database, ids, timeout, Transcript);
        var chunks = await ChunkIntegrity.AssertChunkRowsAsync(Database, ids);
        var clients = accepted.Select(a => a.TenantKey).Distinct().ToDictionary(key => key, Gateway.Client);
        try
        {
            await Parallel.ForEachAsync(accepted, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (job, _) =>
                await ChunkIntegrity.AssertAudioHoldsEachChunkOnceAsync(clients[job.TenantKey], Artifacts, job, chunks[job.Id]));
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }
    }

    public string Transcript() =>
        string.Join("\n\n", new[] { $"--- gateway ---\n{Gateway.Process.RecentOutput}" }
            .Concat(_workers.Select(w => $"--- {w.Key} (exited: {w.Value.HasExited}) ---\n{w.Value.RecentOutput}")));

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_workers.Values.Select(w => w.DisposeAsync().AsTask()).Append(Gateway.DisposeAsync().AsTask()));
        if (Directory.Exists(Artifacts))
        {
            Directory.Delete(Artifacts, recursive: true);
        }
    }
}
