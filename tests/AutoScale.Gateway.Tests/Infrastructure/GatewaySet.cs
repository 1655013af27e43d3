using AutoScale.Testing.Network;

namespace AutoScale.Gateway.Tests.Infrastructure;

/// <summary>
/// The gateways of one test cluster: each a slot with its place (a lab host, or loopback when null) and its HTTP and
/// silo ports, so that a gateway SIGKILLed by the test starts again where it was, as an operator's supervisor restarts it.
/// Used by the loopback chaos cluster and by the host cluster alike.
/// </summary>
public sealed class GatewaySet : IAsyncDisposable
{
    private readonly string _database;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly List<GatewayInstance?> _gateways;
    private readonly List<(NetworkHost? Host, int HttpPort, int SiloPort)> _places;

    private GatewaySet(string database, IReadOnlyDictionary<string, string> settings, GatewayInstance first, NetworkHost? host)
    {
        _database = database;
        _settings = settings;
        _gateways = [first];
        _places = [(host, first.HttpPort, first.SiloPort)];
        AdminKey = first.AdminKey;
    }

    public string AdminKey { get; }

    /// <summary>The first gateway that runs.</summary>
    public GatewayInstance Gateway => _gateways.FirstOrDefault(g => g is not null)
        ?? throw new InvalidOperationException("Every gateway is killed.");

    /// <summary>Each slot's running gateway, or null while it is killed.</summary>
    public IReadOnlyList<GatewayInstance?> Gateways => _gateways;

    /// <summary>
    /// Starts a gateway in each of <paramref name="hosts"/> (null: on loopback) on <paramref name="database"/>, one admin
    /// key for all: the first migrates the schema, the others join it (several need <c>Cluster__JobDirectory=postgres</c>
    /// in <paramref name="settings"/>, as their workers do).
    /// </summary>
    public static async Task<GatewaySet> StartAsync(string database, IReadOnlyList<NetworkHost?> hosts, IReadOnlyDictionary<string, string> settings)
    {
        var gatewaySettings = new Dictionary<string, string>(settings);
        var first = await GatewayInstance.StartAsync(database, gatewaySettings, keepTranscript: true, host: hosts[0]);
        var set = new GatewaySet(database, gatewaySettings, first, hosts[0]);
        try
        {
            var others = await Task.WhenAll(hosts.Skip(1).Select(host =>
                GatewayInstance.StartAsync(database, gatewaySettings, first.AdminKey, keepTranscript: true, host: host)));
            set._gateways.AddRange(others);
            set._places.AddRange(others.Select((g, i) => (hosts[i + 1], g.HttpPort, g.SiloPort)));
        }
        catch
        {
            await set.DisposeAsync();
            throw;
        }

        return set;
    }

    /// <summary>SIGKILLs gateway <paramref name="index"/> (inside its host when it has one), as a crash or a power cut would.</summary>
    public async Task KillAsync(int index)
    {
        var gateway = _gateways[index] ?? throw new InvalidOperationException($"Gateway {index + 1} is already killed.");
        gateway.Process.Kill();
        _gateways[index] = null;
        await gateway.DisposeAsync();
    }

    /// <summary>Starts killed gateway <paramref name="index"/> again in its place and on its ports, and waits until it is ready.</summary>
    public async Task<GatewayInstance> RestartAsync(int index)
    {
        if (_gateways[index] is not null)
        {
            throw new InvalidOperationException($"Gateway {index + 1} runs.");
        }

        var (host, httpPort, siloPort) = _places[index];
        var gateway = await GatewayInstance.StartAsync(_database, _settings, AdminKey, siloPort, keepTranscript: true, httpPort, host);
        _gateways[index] = gateway;
        return gateway;
    }

    /// <summary>Each gateway's recent output, for a failure message.</summary>
    public IEnumerable<string> Transcripts() =>
        _gateways.Select((g, i) => g is null ? $"--- gateway {i + 1}: killed ---" : $"--- gateway {i + 1} ({g.BaseAddress}) ---\n{g.Process.RecentOutput}");

    public async ValueTask DisposeAsync() =>
        await Task.WhenAll(_gateways.OfType<GatewayInstance>().Select(g => g.DisposeAsync().AsTask()));
}
