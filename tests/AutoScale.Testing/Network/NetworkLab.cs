using System.Globalization;
using System.Net;

namespace AutoScale.Testing.Network;

/// <summary>
/// Hosts with their own addresses on one machine: a private Linux bridge and, per host, a network namespace joined to it
/// by a veth pair, each with an address of a /24 in 10.213.0.0/16 that nothing on this machine uses. The test process
/// (root namespace) holds the subnet's <c>.1</c> on the bridge, so it reaches every host and a server it runs there
/// (PostgreSQL) is reachable from every host; nothing leaves the bridge. Needs root and <c>ip netns</c>
/// (<see cref="UnavailableReason"/> says why not, for a skip).
/// </summary>
/// <example><code>
/// await using var lab = await NetworkLab.CreateAsync();
/// var host = await lab.AddHostAsync("gw1");
/// await using var gateway = host.Start("Gateway", environment);  // a real process inside the host, at host.Address
/// await host.DisconnectAsync();                                // its link down: a partition
/// await host.ReconnectAsync();
/// // The product's processes: GatewayInstance.StartAsync(database, host: host), WorkerInstance.StartAsync(..., host: host)
/// // (tests/AutoScale.Gateway.Tests/Infrastructure). A PostgreSQL every host reaches, on the bridge:
/// // LocalPostgresCluster.StartOrReuse(root, new LocalPostgresNetwork(lab.BridgeAddress.ToString(), lab.Subnet))
/// </code></example>
/// <remarks>
/// Every name the lab makes starts with <see cref="Prefix"/> and this process's id (hex), so a lab of a crashed run (its
/// process gone) is removed by the next <see cref="CreateAsync"/>, and labs of other test processes running now are left alone.
/// </remarks>
public sealed class NetworkLab : IAsyncDisposable
{
    public const string Prefix = "asl";
    private static readonly Lazy<string?> Unavailable = new(NetworkLabSetup.ProbeUnavailableReason);
    private static int _labsInProcess;
    private readonly List<NetworkHost> _hosts = [];
    private readonly SemaphoreSlim _adding = new(1, 1);
    private bool _disposed;

    private NetworkLab(string id, int subnet)
    {
        Id = id;
        SubnetOctet = subnet;
        BridgeAddress = IPAddress.Parse($"10.213.{subnet}.1");
    }

    /// <summary>Why no lab can be made on this machine (not Linux, not root, no <c>ip netns</c>), or null when one can.</summary>
    public static string? UnavailableReason => Unavailable.Value;

    /// <summary>The prefix of every name this lab made: <see cref="Prefix"/>, the process id in hex, a letter per lab.</summary>
    public string Id { get; }

    /// <summary>The root namespace's address on the bridge: where the test process and servers it runs are reached from hosts.</summary>
    public IPAddress BridgeAddress { get; }

    /// <summary>The lab's network in CIDR form, e.g. <c>10.213.7.0/24</c>.</summary>
    public string Subnet => $"10.213.{SubnetOctet}.0/24";

    public IReadOnlyList<NetworkHost> Hosts => _hosts;

    internal string Bridge => $"{Id}br";

    private int SubnetOctet { get; }

    /// <summary>Removes leftovers of crashed runs, then makes the bridge on a free /24 and brings it up.</summary>
    public static async Task<NetworkLab> CreateAsync()
    {
        if (UnavailableReason is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        await NetworkLabSetup.RemoveLeftoversAsync();
        var pid = Environment.ProcessId.ToString("x6", CultureInfo.InvariantCulture);
        var id = $"{Prefix}{pid}{(char)('a' + (Interlocked.Increment(ref _labsInProcess) % 26))}";
        // Labs of several test processes may start together: choosing a subnet and taking it is one step under a machine-wide lock.
        using var machineLock = await NetworkLabSetup.LockMachineAsync();
        var subnet = await NetworkLabSetup.FreeSubnetAsync();
        var lab = new NetworkLab(id, subnet);
        try
        {
            await IpCommand.RunAsync("link", "add", lab.Bridge, "type", "bridge");
            await IpCommand.RunAsync("addr", "add", $"{lab.BridgeAddress}/24", "dev", lab.Bridge);
            await IpCommand.RunAsync("link", "set", lab.Bridge, "up");
        }
        catch
        {
            await lab.DisposeAsync();
            throw;
        }

        return lab;
    }

    /// <summary>
    /// Adds a host: a namespace <c>{Id}-{name}</c> with loopback up and <c>eth0</c> at the next address, its peer on the
    /// bridge. <paramref name="name"/> is for people (logs, process names): letters, digits and dashes.
    /// </summary>
    public async Task<NetworkHost> AddHostAsync(string name)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _adding.WaitAsync();
        try
        {
            var index = _hosts.Count + 1;
            if (index > 200)
            {
                throw new InvalidOperationException("A lab holds at most 200 hosts.");
            }

            var host = new NetworkHost(this, name, $"{Id}-{name}", $"{Id}h{index}", IPAddress.Parse($"10.213.{SubnetOctet}.{10 + index}"));
            _hosts.Add(host);
            var inside = $"{Id}n{index}";
            await IpCommand.RunAsync("netns", "add", host.Namespace);
            await IpCommand.RunAsync("link", "add", host.Link, "type", "veth", "peer", "name", inside);
            await IpCommand.RunAsync("link", "set", inside, "netns", host.Namespace);
            await IpCommand.RunAsync("link", "set", host.Link, "master", Bridge);
            await IpCommand.RunAsync("link", "set", host.Link, "up");
            await IpCommand.RunAsync("-n", host.Namespace, "link", "set", inside, "name", "eth0");
            await IpCommand.RunAsync("-n", host.Namespace, "addr", "add", $"{host.Address}/24", "dev", "eth0");
            await IpCommand.RunAsync("-n", host.Namespace, "link", "set", "eth0", "up");
            await IpCommand.RunAsync("-n", host.Namespace, "link", "set", "lo", "up");
            return host;
        }
        finally
        {
            _adding.Release();
        }
    }

    /// <summary>Kills what still runs in the hosts, then removes the namespaces, the veth pairs and the bridge.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var host in _hosts)
        {
            await NetworkLabSetup.RemoveNamespaceAsync(host.Namespace);
            await IpCommand.TryAsync("link", "del", host.Link);
        }

        await IpCommand.TryAsync("link", "del", Bridge);
        _adding.Dispose();
    }
}
