using System.Net;

namespace AutoScale.Testing.Network;

/// <summary>
/// One host of a <see cref="NetworkLab"/>: a network namespace with loopback and <c>eth0</c> at <see cref="Address"/>.
/// Processes started here see only that network; <see cref="DisconnectAsync"/> takes its link down (the bridge side of
/// its veth pair), so it is cut off from every other host and from the test process until <see cref="ReconnectAsync"/>.
/// </summary>
public sealed class NetworkHost
{
    internal NetworkHost(NetworkLab lab, string name, string networkNamespace, string link, IPAddress address)
    {
        Lab = lab;
        Name = name;
        Namespace = networkNamespace;
        Link = link;
        Address = address;
    }

    public NetworkLab Lab { get; }

    public string Name { get; }

    /// <summary>The network namespace (for <c>ip netns exec</c>).</summary>
    public string Namespace { get; }

    /// <summary>The host's own address, on <c>eth0</c>; what a silo here advertises and a server here binds.</summary>
    public IPAddress Address { get; }

    /// <summary>True between <see cref="DisconnectAsync"/> and <see cref="ReconnectAsync"/>.</summary>
    public bool IsDisconnected { get; private set; }

    internal string Link { get; }

    /// <summary>Starts a program of the product (<c>Gateway</c>, <c>Silo</c>) inside this host; see <see cref="ServiceProcess.Start"/>.</summary>
    public ServiceProcess Start(
        string project, IReadOnlyDictionary<string, string> environment, string? name = null, bool keepTranscript = false) =>
        ServiceProcess.Start(project, environment, name ?? Name, keepTranscript, ["ip", "netns", "exec", Namespace]);

    /// <summary>Starts any program (haproxy, a server) inside this host, its output kept like a product process's.</summary>
    public ServiceProcess StartProgram(
        string fileName, IEnumerable<string> arguments, string? name = null, IReadOnlyDictionary<string, string>? environment = null) =>
        ServiceProcess.StartProgram(
            "ip", ["netns", "exec", Namespace, fileName, .. arguments], name ?? $"{Name}:{Path.GetFileName(fileName)}",
            environment ?? new Dictionary<string, string>());

    /// <summary>Takes the host's link down: what it sends is lost and nothing reaches it (a cable pulled, a switch port dead).</summary>
    public async Task DisconnectAsync()
    {
        await IpCommand.RunAsync("link", "set", Link, "down");
        IsDisconnected = true;
    }

    public async Task ReconnectAsync()
    {
        await IpCommand.RunAsync("link", "set", Link, "up");
        IsDisconnected = false;
    }

    public override string ToString() => $"{Name} ({Address})";
}
