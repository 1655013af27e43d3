using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Testing;

namespace AutoScale.Gateway.Tests.Chaos;

/// <summary>
/// One or more gateways and their worker silos as real processes sharing one database and one artifacts folder, with the
/// levers a chaos test pulls: SIGKILL a worker, start another, SIGKILL a gateway and start it again on its ports; and,
/// for several gateways, HAProxy in front of them all, as an operator runs them.
/// </summary>
public sealed class ChaosCluster : IAsyncDisposable
{
    private readonly Dictionary<string, string> _gatewaySettings;
    private readonly Dictionary<string, string> _workerSettings;
    private readonly List<GatewayInstance?> _gateways;
    private readonly List<(int HttpPort, int SiloPort)> _gatewayPorts;
    private readonly string _adminKey;
    private readonly List<ServiceProcess> _workers = [];
    private readonly List<ServiceProcess> _killed = [];
    private readonly Dictionary<ServiceProcess, DateTime> _launchedAt = [];
    private int _workersStarted;

    private ChaosCluster(
        string database, string artifacts, List<GatewayInstance?> gateways, Dictionary<string, string> gatewaySettings,
        Dictionary<string, string> workerSettings)
    {
        Database = database;
        Artifacts = artifacts;
        _gateways = gateways;
        _gatewayPorts = [.. gateways.Select(g => (g!.HttpPort, g.SiloPort))];
        _adminKey = gateways[0]!.AdminKey;
        _gatewaySettings = gatewaySettings;
        _workerSettings = workerSettings;
    }

    public string Database { get; }

    /// <summary>The folder the gateways and every worker store chunk audio and final files in.</summary>
    public string Artifacts { get; }

    /// <summary>The first gateway that runs (the only one, unless the cluster was started with several).</summary>
    public GatewayInstance Gateway => _gateways.FirstOrDefault(g => g is not null)
        ?? throw new InvalidOperationException("Every gateway of the cluster is killed.");

    /// <summary>Each gateway slot: its running instance, or null while it is killed.</summary>
    public IReadOnlyList<GatewayInstance?> Gateways => _gateways;

    /// <summary>HAProxy in front of every gateway, when started with <see cref="StartBehindLoadBalancerAsync"/>.</summary>
    public HaproxyProcess? LoadBalancer { get; private set; }

    /// <summary>Workers started and not killed by the test (they may still have died by themselves).</summary>
    public IReadOnlyList<ServiceProcess> Workers => _workers;

    public int WorkersKilled => _killed.Count;

    /// <summary>
    /// Starts a gateway on <paramref name="database"/> (which it migrates) and <paramref name="workers"/> workers that have
    /// joined the cluster. <paramref name="settings"/> go to the gateway and the workers alike.
    /// </summary>
    public static Task<ChaosCluster> StartAsync(
        string database, int workers, IReadOnlyDictionary<string, string>? settings = null, string engine = "espeak") =>
        StartAsync(database, gateways: 1, workers, settings, engine);

    /// <summary>
    /// Starts <paramref name="gateways"/> gateways (jobs' grain directory in PostgreSQL, each its own silo and HTTP
    /// ports, one admin key), <paramref name="workers"/> workers, and HAProxy in front of the gateways on the configuration
    /// <c>scripts/haproxy-config.sh</c> prints. The one place the several-gateway tests set their cluster up.
    /// </summary>
    public static async Task<ChaosCluster> StartBehindLoadBalancerAsync(
        string database, int gateways, int workers, IReadOnlyDictionary<string, string>? settings = null)
    {
        var cluster = await StartAsync(database, gateways, workers, settings, "espeak");
        try
        {
            cluster.LoadBalancer = await HaproxyProcess.StartAsync([.. cluster._gateways.Select(g => $"127.0.0.1:{g!.HttpPort}")]);
            await cluster.WaitUntilBalancedAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>A client of the public address (the load balancer) that sends <paramref name="key"/> as a bearer token.</summary>
    public HttpClient PublicClient(string key)
    {
        var balancer = LoadBalancer ?? throw new InvalidOperationException("The cluster was started without a load balancer.");
        var client = new HttpClient { BaseAddress = balancer.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static async Task<ChaosCluster> StartAsync(
        string database, int gateways, int workers, IReadOnlyDictionary<string, string>? settings, string engine)
    {
        var artifacts = Path.Combine(Path.GetTempPath(), "autoscale-test-artifacts", $"chaos-{Guid.NewGuid():N}");
        var shared = new Dictionary<string, string>(settings ?? new Dictionary<string, string>()) { ["Artifacts__Path"] = artifacts };
        if (gateways > 1)
        {
            shared["Cluster__JobDirectory"] = "postgres";
        }

        var gatewaySettings = new Dictionary<string, string>(shared) { ["Jobs__MaxCharacters"] = "100000" };
        var workerSettings = new Dictionary<string, string>(shared) { ["Worker__Engine"] = engine };
        // The first gateway migrates the schema; the others join it.
        var first = await GatewayInstance.StartAsync(database, gatewaySettings);
        var cluster = new ChaosCluster(database, artifacts, [first], gatewaySettings, workerSettings);
        try
        {
            var others = await Task.WhenAll(Enumerable.Range(1, gateways - 1)
                .Select(_ => GatewayInstance.StartAsync(database, gatewaySettings, first.AdminKey)));
            cluster._gateways.AddRange(others);
            cluster._gatewayPorts.AddRange(others.Select(g => (g.HttpPort, g.SiloPort)));
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
        var index = _gateways.IndexOf(Gateway);
        await KillGatewayAsync(index);
        return await RestartGatewayAsync(index);
    }

    /// <summary>SIGKILLs gateway <paramref name="index"/>, as a crash or its host's power cut would.</summary>
    public async Task KillGatewayAsync(int index)
    {
        var gateway = _gateways[index] ?? throw new InvalidOperationException($"Gateway {index + 1} is already killed.");
        gateway.Process.Kill();
        _gateways[index] = null;
        await gateway.DisposeAsync();
    }

    /// <summary>Starts killed gateway <paramref name="index"/> again on its silo and HTTP ports and waits until it is ready.</summary>
    public async Task<GatewayInstance> RestartGatewayAsync(int index)
    {
        if (_gateways[index] is not null)
        {
            throw new InvalidOperationException($"Gateway {index + 1} runs.");
        }

        var (httpPort, siloPort) = _gatewayPorts[index];
        var gateway = await GatewayInstance.StartAsync(Database, _gatewaySettings, _adminKey, siloPort, httpPort: httpPort);
        _gateways[index] = gateway;
        await WaitUntilBalancedAsync();
        return gateway;
    }

    /// <summary>The recent output of every process, for a failure message.</summary>
    public string Transcript() =>
        string.Join("\n\n", _gateways.Select((g, i) => g is null ? $"--- gateway {i + 1}: killed ---" : $"--- gateway {i + 1} ---\n{g.Process.RecentOutput}")
            .Concat(_workers.Select(w => $"--- {w.Name} (exited: {w.HasExited}) ---\n{w.RecentOutput}"))
            .Concat(LoadBalancer is null ? [] : [$"--- haproxy ---\n{LoadBalancer.Output}"]));

    public async ValueTask DisposeAsync()
    {
        if (LoadBalancer is not null)
        {
            await LoadBalancer.DisposeAsync();
        }

        await Task.WhenAll(_workers.Concat(_killed).Select(w => w.DisposeAsync().AsTask())
            .Concat(_gateways.OfType<GatewayInstance>().Select(g => g.DisposeAsync().AsTask())));
        try
        {
            Directory.Delete(Artifacts, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    /// <summary>Waits until the load balancer (if any) checks every running gateway as up, so requests reach them all.</summary>
    private async Task WaitUntilBalancedAsync()
    {
        if (LoadBalancer is null)
        {
            return;
        }

        var running = _gateways.Select((g, i) => (g, i)).Where(p => p.g is not null).Select(p => $"gateway-{p.i + 1}").ToList();
        await Eventually.TrueAsync(async () =>
        {
            var states = await LoadBalancer.ServerStatesAsync();
            return running.All(name => states.GetValueOrDefault(name) == "UP");
        }, TimeSpan.FromSeconds(30), $"haproxy to check {string.Join(", ", running)} as up");
    }
}
