using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Testing;

namespace AutoScale.Gateway.Tests.Chaos;

/// <summary>
/// A gateway and its worker silos as real processes on loopback sharing one database and one artifacts folder, with the
/// levers a chaos test pulls: SIGKILL a worker, start another, SIGKILL the gateway and start it again on its ports.
/// </summary>
public sealed class ChaosCluster : IAsyncDisposable
{
    private readonly Dictionary<string, string> _workerSettings;
    private readonly GatewaySet _gateways;
    private readonly List<ServiceProcess> _workers = [];
    private readonly List<ServiceProcess> _killed = [];
    private readonly Dictionary<ServiceProcess, DateTime> _launchedAt = [];
    private int _workersStarted;

    private ChaosCluster(string database, string artifacts, GatewaySet gateways, Dictionary<string, string> workerSettings)
    {
        Database = database;
        Artifacts = artifacts;
        _gateways = gateways;
        _workerSettings = workerSettings;
    }

    public string Database { get; }

    /// <summary>The folder the gateway and every worker store chunk audio and final files in.</summary>
    public string Artifacts { get; }

    public GatewayInstance Gateway => _gateways.Gateway;

    /// <summary>Workers started and not killed by the test (they may still have died by themselves).</summary>
    public IReadOnlyList<ServiceProcess> Workers => _workers;

    public int WorkersKilled => _killed.Count;

    /// <summary>
    /// Starts a gateway on <paramref name="database"/> (which it migrates) and <paramref name="workers"/> workers that have
    /// joined the cluster. <paramref name="settings"/> go to the gateway and the workers alike.
    /// </summary>
    public static async Task<ChaosCluster> StartAsync(
        string database, int workers, IReadOnlyDictionary<string, string>? settings = null, string engine = "espeak")
    {
        var artifacts = Path.Combine(Path.GetTempPath(), "autoscale-test-artifacts", $"chaos-{Guid.NewGuid():N}");
        var shared = new Dictionary<string, string>(settings ?? new Dictionary<string, string>()) { ["Artifacts__Path"] = artifacts };
        var gatewaySettings = new Dictionary<string, string>(shared) { ["Jobs__MaxCharacters"] = "100000" };
        var gateways = await GatewaySet.StartAsync(database, [null], gatewaySettings);
        var cluster = new ChaosCluster(database, artifacts, gateways, new Dictionary<string, string>(shared) { ["Worker__Engine"] = engine });
        try
        {
            await cluster.StartWorkersAsync(workers);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>Starts <paramref name="count"/> more workers at once and waits until they are Active in the cluster.</summary>
    public async Task StartWorkersAsync(int count)
    {
        var names = Enumerable.Range(0, count).Select(_ => $"worker-{++_workersStarted}").ToList();
        var starting = names.Select(name => WorkerInstance.StartAsync(Database, Artifacts, name, _workerSettings)).ToList();
        try
        {
            await Task.WhenAll(starting);
        }
        finally
        {
            foreach (var worker in starting.Where(s => s.IsCompletedSuccessfully).Select(s => s.Result))
            {
                _workers.Add(worker);
                _launchedAt[worker] = DateTime.UtcNow;
            }
        }
    }

    /// <summary>Starts one more worker without waiting for it to join (as a supervisor replacing a crashed one).</summary>
    public ServiceProcess LaunchWorker()
    {
        var (worker, _) = WorkerInstance.Launch(Database, Artifacts, $"worker-{++_workersStarted}", _workerSettings);
        _workers.Add(worker);
        _launchedAt[worker] = DateTime.UtcNow;
        return worker;
    }

    /// <summary>SIGKILLs <paramref name="worker"/>, as a crash or an OOM kill would.</summary>
    public void Kill(ServiceProcess worker)
    {
        worker.Kill();
        _workers.Remove(worker);
        _killed.Add(worker);
    }

    /// <summary>
    /// SIGKILLs a random worker started at least <paramref name="minimumAge"/> ago (so it has had time to join and take
    /// work), unless it is the only one running; false when there was none to kill.
    /// </summary>
    public bool KillRandomWorker(Random random, TimeSpan minimumAge)
    {
        var running = _workers.Where(w => !w.HasExited).ToList();
        var candidates = running.Where(w => DateTime.UtcNow - _launchedAt[w] >= minimumAge).ToList();
        if (running.Count < 2 || candidates.Count == 0)
        {
            return false;
        }

        Kill(candidates[random.Next(candidates.Count)]);
        return true;
    }

    /// <summary>SIGKILLs the gateway and starts a new one on the same ports, admin key, database and artifacts.</summary>
    public async Task<GatewayInstance> KillAndRestartGatewayAsync()
    {
        await _gateways.KillAsync(0);
        return await _gateways.RestartAsync(0);
    }

    /// <summary>The recent output of every process, for a failure message.</summary>
    public string Transcript() =>
        string.Join("\n\n", _gateways.Transcripts().Concat(_workers.Select(w => $"--- {w.Name} (exited: {w.HasExited}) ---\n{w.RecentOutput}")));

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_workers.Concat(_killed).Select(w => w.DisposeAsync().AsTask()).Append(_gateways.DisposeAsync().AsTask()));
        try
        {
            Directory.Delete(Artifacts, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
