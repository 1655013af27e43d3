using System.Net;
using AutoScale.Hosting;
using AutoScale.Hosting.Networking;

namespace AutoScale.Grains.Tests.Cluster.Networking;

public sealed class AdvertisedEndpointResolverTests
{
    private const string PodId = "abc123xyz";
    private static readonly IPAddress PublicIp = IPAddress.Parse("203.0.113.7");
    private static readonly IPAddress PodnetIp = IPAddress.Parse("10.0.4.2");

    private readonly Dictionary<string, string> _environment = new() { ["RUNPOD_POD_ID"] = PodId };
    private readonly Dictionary<string, IPAddress> _interfaces = [];
    private readonly Dictionary<string, IPAddress> _dns = [];

    private SiloEndpoints Resolve(ClusterHostOptions options, bool globalNetworking = false) =>
        new AdvertisedEndpointResolver(_environment.GetValueOrDefault, _interfaces.GetValueOrDefault, _dns.GetValueOrDefault)
            .Resolve(options, globalNetworking);

    [Fact]
    public void APublicIpWithASymmetricPortListensOnAnyAddressAndAdvertisesTheAssignedPort()
    {
        _environment["RUNPOD_PUBLIC_IP"] = PublicIp.ToString();
        _environment["RUNPOD_TCP_PORT_70000"] = "40123";

        var endpoints = Resolve(new ClusterHostOptions { SiloPort = 11111 });

        Assert.Equal(new IPEndPoint(PublicIp, 40123), endpoints.Advertised);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 40123), endpoints.Listening);
        Assert.Contains("RUNPOD_TCP_PORT_70000", endpoints.Source);
    }

    [Fact]
    public void AMappedSiloPortListensOnTheSiloPortAndAdvertisesThePublicPort()
    {
        _environment["RUNPOD_PUBLIC_IP"] = PublicIp.ToString();
        _environment["RUNPOD_TCP_PORT_11111"] = "17342";

        var endpoints = Resolve(new ClusterHostOptions { SiloPort = 11111 });

        Assert.Equal(new IPEndPoint(PublicIp, 17342), endpoints.Advertised);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 11111), endpoints.Listening);
    }

    [Fact]
    public void GlobalNetworkingAdvertisesThePodnet1AddressOnTheSiloPort()
    {
        _interfaces["podnet1"] = PodnetIp;
        _environment["RUNPOD_PUBLIC_IP"] = PublicIp.ToString();
        _environment["RUNPOD_TCP_PORT_70000"] = "40123";

        var endpoints = Resolve(new ClusterHostOptions { SiloPort = 11112 }, globalNetworking: true);

        Assert.Equal(new IPEndPoint(PodnetIp, 11112), endpoints.Advertised);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 11112), endpoints.Listening);
        Assert.Contains("podnet1", endpoints.Source);
    }

    [Fact]
    public void GlobalNetworkingWithoutPodnet1ResolvesThePodsInternalName()
    {
        _dns[$"{PodId}.runpod.internal"] = PodnetIp;

        var endpoints = Resolve(new ClusterHostOptions(), globalNetworking: true);

        Assert.Equal(new IPEndPoint(PodnetIp, 11111), endpoints.Advertised);
    }

    [Fact]
    public void GlobalNetworkingWithNoPrivateAddressFailsNamingBoth()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Resolve(new ClusterHostOptions(), globalNetworking: true));

        Assert.Contains("podnet1", error.Message);
        Assert.Contains($"{PodId}.runpod.internal", error.Message);
    }

    [Fact]
    public void AMissingPublicIpWithoutGlobalNetworkingFailsNamingTheVariableAndBothFixes()
    {
        _environment["RUNPOD_TCP_PORT_70000"] = "40123";

        var error = Assert.Throws<InvalidOperationException>(() => Resolve(new ClusterHostOptions()));

        Assert.Contains("RUNPOD_PUBLIC_IP", error.Message);
        Assert.Contains("RunPod__GlobalNetworking=true", error.Message);
        Assert.Contains("70000/tcp", error.Message);
    }

    [Fact]
    public void APublicIpWithNoPublicPortFailsNamingTheExpectedVariables()
    {
        _environment["RUNPOD_PUBLIC_IP"] = PublicIp.ToString();

        var error = Assert.Throws<InvalidOperationException>(() => Resolve(new ClusterHostOptions { SiloPort = 11112 }));

        Assert.Contains("RUNPOD_TCP_PORT_70000", error.Message);
        Assert.Contains("RUNPOD_TCP_PORT_11112", error.Message);
    }

    [Fact]
    public void ExplicitAdvertisedSettingsWinOverRunPodDetection()
    {
        _environment["RUNPOD_PUBLIC_IP"] = PublicIp.ToString();
        _environment["RUNPOD_TCP_PORT_70000"] = "40123";

        var endpoints = Resolve(new ClusterHostOptions { AdvertisedAddress = "198.51.100.9", AdvertisedSiloPort = 20000 });

        Assert.Equal(new IPEndPoint(IPAddress.Parse("198.51.100.9"), 20000), endpoints.Advertised);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 11111), endpoints.Listening);
    }

    [Fact]
    public void OutsideRunPodTheConfiguredValuesAreUsedUnchanged()
    {
        _environment.Clear();
        _environment["RUNPOD_PUBLIC_IP"] = PublicIp.ToString();
        _interfaces["podnet1"] = PodnetIp;
        var options = new ClusterHostOptions { SiloPort = 11113, AdvertisedAddress = "192.168.1.20", AdvertisedSiloPort = 21113 };

        var endpoints = Resolve(options, globalNetworking: true);

        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.168.1.20"), 21113), endpoints.Advertised);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.168.1.20"), 11113), endpoints.Listening);
    }

    [Fact]
    public void OutsideRunPodTheDefaultsAdvertiseAndListenOnLoopback()
    {
        _environment.Clear();

        var endpoints = Resolve(new ClusterHostOptions { ListenOnAnyAddress = false });

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 11111), endpoints.Advertised);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 11111), endpoints.Listening);
    }

    [Fact]
    public void OutsideRunPodListenOnAnyAddressStillAdvertisesTheConfiguredAddress()
    {
        _environment.Clear();

        var endpoints = Resolve(new ClusterHostOptions { ListenOnAnyAddress = true });

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 11111), endpoints.Advertised);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 11111), endpoints.Listening);
    }
}
