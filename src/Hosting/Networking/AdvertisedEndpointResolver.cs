using System.Globalization;
using System.Net;

namespace AutoScale.Hosting.Networking;

/// <summary>
/// Decides the address and port this silo advertises to the cluster and the endpoint it listens on.
/// </summary>
/// <remarks>
/// <para>Outside RunPod (no <c>RUNPOD_POD_ID</c>) the <c>Orleans</c> settings apply unchanged: advertise
/// <c>AdvertisedAddress</c> and <c>AdvertisedSiloPort</c> (else <c>SiloPort</c>); listen on <c>SiloPort</c> at the advertised
/// address, or at 0.0.0.0 with <c>ListenOnAnyAddress</c>.</para>
/// <para>On RunPod the silo always listens on 0.0.0.0: a public address is NAT'd onto the pod and is on no local interface.
/// Settings the operator gives explicitly win over detection. The advertised address is the first of:
/// <c>Orleans:AdvertisedAddress</c> unless it is a loopback address (the default 127.0.0.1 counts as not set, as no other
/// pod could dial it); with <c>RunPod:GlobalNetworking</c> true, the IPv4 of interface <c>podnet1</c>, else
/// <c>{RUNPOD_POD_ID}.runpod.internal</c> resolved; otherwise <c>RUNPOD_PUBLIC_IP</c>.
/// The ports are the first of: <c>Orleans:AdvertisedSiloPort</c> when set (listen on <c>SiloPort</c>, advertise it);
/// with global networking, <c>SiloPort</c> for both; a symmetric <c>RUNPOD_TCP_PORT_70000=P</c> (pod exposes
/// <c>70000/tcp</c>), listen on and advertise P; <c>RUNPOD_TCP_PORT_{SiloPort}</c> (pod exposes <c>{SiloPort}/tcp</c>),
/// listen on <c>SiloPort</c> and advertise the public port.</para>
/// <para>When none of these gives an address or port other pods can reach, resolving fails with the missing piece named,
/// rather than publishing an endpoint nobody can dial.</para>
/// </remarks>
public sealed class AdvertisedEndpointResolver(
    Func<string, string?> environment, Func<string, IPAddress?> interfaceAddress, Func<string, IPAddress?> resolveHost)
{
    public const string GlobalNetworkingKey = "RunPod:GlobalNetworking";
    public const string PodIdVariable = "RUNPOD_POD_ID";
    public const string PublicIpVariable = "RUNPOD_PUBLIC_IP";
    public const string TcpPortVariablePrefix = "RUNPOD_TCP_PORT_";
    public const int SymmetricPortRequest = 70000;
    public const string PrivateInterface = "podnet1";

    /// <summary>The resolver over this process's environment variables, this machine's interfaces and DNS.</summary>
    public static AdvertisedEndpointResolver ForThisHost() =>
        new(Environment.GetEnvironmentVariable, HostNetwork.InterfaceIPv4, HostNetwork.ResolveIPv4);

    public SiloEndpoints Resolve(ClusterHostOptions options, bool globalNetworking)
    {
        if (!IPAddress.TryParse(options.AdvertisedAddress, out var configured))
        {
            throw new InvalidOperationException($"Orleans:AdvertisedAddress '{options.AdvertisedAddress}' is not an IP address.");
        }

        if (Variable(PodIdVariable) is not { } podId)
        {
            return new SiloEndpoints(
                new IPEndPoint(configured, options.AdvertisedSiloPort > 0 ? options.AdvertisedSiloPort : options.SiloPort),
                new IPEndPoint(options.ListenOnAnyAddress ? IPAddress.Any : configured, options.SiloPort),
                "Orleans settings (not on RunPod)");
        }

        var (address, addressSource) = !IPAddress.IsLoopback(configured) ? (configured, "Orleans:AdvertisedAddress")
            : globalNetworking ? PrivateAddress(podId)
            : PublicAddress();
        var (listeningPort, advertisedPort, portSource) = options.AdvertisedSiloPort > 0
            ? (options.SiloPort, options.AdvertisedSiloPort, "Orleans:AdvertisedSiloPort")
            : globalNetworking ? (options.SiloPort, options.SiloPort, "Orleans:SiloPort")
            : PublicPort(options.SiloPort);
        var network = globalNetworking ? "global networking" : "public TCP";
        return new SiloEndpoints(
            new IPEndPoint(address, advertisedPort),
            new IPEndPoint(IPAddress.Any, listeningPort),
            $"RunPod pod {podId} over {network}: address from {addressSource}, port from {portSource}");
    }

    private (IPAddress, string) PrivateAddress(string podId)
    {
        if (interfaceAddress(PrivateInterface) is { } onInterface)
        {
            return (onInterface, $"interface {PrivateInterface}");
        }

        var hostName = $"{podId}.runpod.internal";
        return resolveHost(hostName) is { } resolved
            ? (resolved, hostName)
            : throw new InvalidOperationException(
                $"{GlobalNetworkingKey} is true, but interface {PrivateInterface} has no IPv4 address and {hostName} does not " +
                "resolve, so this pod has no private address. Create the pod with global networking enabled (NVIDIA GPU pods in " +
                $"supported data centres; a PATCH takes effect only at the next start), or set {GlobalNetworkingKey}=false to " +
                "join over public TCP.");
    }

    private (IPAddress, string) PublicAddress()
    {
        if (Variable(PublicIpVariable) is not { } value)
        {
            throw new InvalidOperationException(
                $"This RunPod pod has no {PublicIpVariable} and {GlobalNetworkingKey} is not true, so no other silo could reach " +
                "it. Either (1) enable global networking on the pod and set RunPod__GlobalNetworking=true, or (2) run the pod " +
                $"with a public IP and expose {SymmetricPortRequest}/tcp. (Orleans:AdvertisedAddress overrides both.)");
        }

        return IPAddress.TryParse(value, out var address)
            ? (address, PublicIpVariable)
            : throw new InvalidOperationException($"{PublicIpVariable} '{value}' is not an IP address.");
    }

    private (int Listening, int Advertised, string Source) PublicPort(int siloPort)
    {
        var symmetric = TcpPortVariablePrefix + SymmetricPortRequest.ToString(CultureInfo.InvariantCulture);
        if (Port(symmetric) is { } assigned)
        {
            return (assigned, assigned, $"{symmetric} (symmetric)");
        }

        var mapped = TcpPortVariablePrefix + siloPort.ToString(CultureInfo.InvariantCulture);
        return Port(mapped) is { } published
            ? (siloPort, published, mapped)
            : throw new InvalidOperationException(
                $"This RunPod pod has neither {symmetric} nor {mapped}, so the silo's public port is unknown. Expose " +
                $"{SymmetricPortRequest}/tcp (the silo then listens on and advertises the assigned port) or {siloPort}/tcp on " +
                "the pod, or set RunPod__GlobalNetworking=true on a pod with global networking. " +
                "(Orleans:AdvertisedSiloPort overrides detection.)");
    }

    private int? Port(string variable)
    {
        if (Variable(variable) is not { } value)
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : throw new InvalidOperationException($"{variable} '{value}' is not a TCP port.");
    }

    private string? Variable(string name) => environment(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
