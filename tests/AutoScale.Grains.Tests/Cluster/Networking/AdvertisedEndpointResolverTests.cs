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
    public void A_public_ip_with_a_symmetric_port_listens_on_any_address_and_advertises_the_assigned_port()
    {
        _environment["RUNPOD_PUBLIC_IP"] = PublicIp.ToString();
        _environment["RUNPOD_TCP_PORT_70000"] = "40123";

        var endpoints = Resolve(new ClusterHostOptions { SiloPort = 11111 });

        Assert.Equal(new IPEndPoint(PublicIp, 40123), endpoints.Advertised);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 40123), endpoints.Listening);
        Assert.Contains("RUNPOD_TCP_PORT_70000", endpoints.Source);
    }

    [Fact]
    public void A_mapped_silo_port_listens_on_the_silo_port_and_advertises_the_public_port()
    {
        _environment["RUNPOD_PUBLIC_IP"] = PublicIp.ToString();
        _environment["RUNPOD_TCP_PORT_11111"] = "17342";

        var endpoints = Resolve(new ClusterHostOptions { SiloPort = 11111 });

        Assert.Equal(new IPEndPoint(PublicIp, 17342), endpoints.Advertised);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 11111), endpoints.Listening);
    }

    [Fact]
    public void Global_networking_advertises_the_podnet1_address_on_the_silo_port()
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
    public void Global_networking_without_podnet1_resolves_the_pods_internal_name()
    {
        _dns[$"{PodId}.runpod.internal"] = PodnetIp;

        var endpoints = Resolve(new ClusterHostOptions(), globalNetworking: true);

        Assert.Equal(new IPEndPoint(PodnetIp, 11111), endpoints.Advertised);
    }

    [Fact]
    public void Global_networking_with_no_private_address_fails_naming_both()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Resolve(new ClusterHostOptions(), globalNetworking: true));

        Assert.Contains("podnet1", error.Message);
        Assert.Contains($"{PodId}.runpod.internal", error.Message);
    }

    [Fact]
    public void A_missing_public_ip_without_global_networking_fails_naming_the_variable_and_both_fixes()
    {
        _environment["RUNPOD_TCP_PORT_70000"] = "40123";

        var error = Assert.Throws<InvalidOperationException>(() => Resolve(new ClusterHostOptions()));

        Assert.Contains("RUNPOD_PUBLIC_IP", error.Message);
        Assert.Contains("RunPod__GlobalNetworking=true", error.Message);
        Assert.Contains("70000/tcp", error.Message);
    }

    [Fact]
    public void A_public_ip_with_no_public_port_fails_naming_the_expected_variables()
    {
        _environment["RUNPOD_PUBLIC_IP"] = PublicIp.ToString();

        var error = Assert.Throws<InvalidOperationException>(() => Resolve(new ClusterHostOptions { SiloPort = 11112 }));

        Assert.Contains("RUNPOD_TCP_PORT_70000", error.Message);
        Assert.Contains("RUNPOD_TCP_PORT_11112", error.Message);
    }

    [Fact]
    public void Explicit_advertised_settings_win_over_run_pod_detection()
    {
        _environment["RUNPOD_PUBLIC_IP"] = PublicIp.ToString();
        _environment["RUNPOD_TCP_PORT_70000"] = "40123";

        var endpoints = Resolve(new ClusterHostOptions { AdvertisedAddress = "198.51.100.9", AdvertisedSiloPort = 20000 });

        Assert.Equal(new IPEndPoint(IPAddress.Parse("198.51.100.9"), 20000), endpoints.Advertised);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 11111), endpoints.Listening);
    }

    [Fact]
    public void Outside_run_pod_the_configured_values_are_used_unchanged()
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
    public void Outside_run_pod_the_defaults_advertise_and_listen_on_loopback()
    {
        _environment.Clear();

        var endpoints = Resolve(new ClusterHostOptions { ListenOnAnyAddress = false });

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 11111), endpoints.Advertised);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 11111), endpoints.Listening);
    }

    [Fact]
    public void Outside_run_pod_listen_on_any_address_still_advertises_the_configured_address()
    {
        _environment.Clear();

        var endpoints = Resolve(new ClusterHostOptions { ListenOnAnyAddress = true });

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 11111), endpoints.Advertised);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 11111), endpoints.Listening);
    }
}
