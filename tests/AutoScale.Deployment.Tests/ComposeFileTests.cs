using AutoScale.Testing;

namespace AutoScale.Deployment.Tests;

/// <summary>
/// docker/compose.yaml has the shape of <c>GATEWAYS=2 ./run.sh</c>: two gateways of one cluster behind HAProxy, whose
/// configuration (docker/haproxy.cfg) is scripts/haproxy-config.sh's for those gateways. No Docker engine is needed.
/// </summary>
public sealed class ComposeFileTests
{
    private static readonly ComposeFile Compose = ComposeFile.Load();

    private static IReadOnlyList<string> Gateways =>
        [.. Compose.ServiceNames.Where(name => name.StartsWith("gateway", StringComparison.Ordinal))];

    [Fact]
    public void Two_gateways_each_advertise_their_own_address_and_silo_port_and_keep_jobs_directory_in_PostgreSQL()
    {
        Assert.Equal(2, Gateways.Count);
        foreach (var gateway in Gateways)
        {
            Assert.Equal("docker/gateway.Dockerfile", Compose.Value(gateway, "build", "dockerfile"));
            Assert.Equal("postgres", Compose.Value(gateway, "environment", "Cluster__JobDirectory"));
            Assert.Equal(
                Compose.Value(gateway, "networks", "cluster", "ipv4_address"),
                Compose.Value(gateway, "environment", "Orleans__AdvertisedAddress"));
            Assert.NotNull(Compose.Value(gateway, "environment", "ConnectionStrings__Postgres"));
            Assert.Empty(Compose.Items(gateway, "ports")); // users come in through the load balancer only
            Assert.Contains("artifacts:/data/artifacts", Compose.Items(gateway, "volumes"));
        }

        Assert.Equal(2, Gateways.Select(g => Compose.Value(g, "environment", "Orleans__SiloPort")).Distinct().Count());
        Assert.Equal(2, Gateways.Select(g => Compose.Value(g, "environment", "Orleans__AdvertisedAddress")).Distinct().Count());
        Assert.Single(Gateways.Select(g => Compose.Value(g, "environment", "Auth__AdminKey")).Distinct());
    }

    [Fact]
    public void HAProxy_is_the_one_public_port_with_its_configuration_from_docker_haproxy_cfg()
    {
        Assert.StartsWith("haproxy:", Compose.Value("haproxy", "image"), StringComparison.Ordinal);
        Assert.Contains("./haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro", Compose.Items("haproxy", "volumes"));
        var published = Assert.Single(Compose.ServiceNames.SelectMany(service => Compose.Items(service, "ports")));
        Assert.EndsWith(":8080", published, StringComparison.Ordinal);
        Assert.Contains(published, Compose.Items("haproxy", "ports"));
    }

    [Fact]
    public void The_gateways_take_the_clients_address_from_HAProxys_X_Forwarded_For_and_trust_no_one_else()
    {
        var haproxy = Compose.Value("haproxy", "networks", "cluster", "ipv4_address");
        Assert.NotNull(haproxy);
        foreach (var gateway in Gateways)
        {
            Assert.Equal(haproxy, Compose.Value(gateway, "environment", "Network__TrustedProxies__0"));
            Assert.Null(Compose.Value(gateway, "environment", "Network__TrustedProxies__1"));
        }

        Assert.Contains("  option forwardfor", File.ReadAllLines(Path.Combine(RepositoryLayout.Root, "docker", "haproxy.cfg")));
    }

    [Fact]
    public async Task Docker_haproxy_cfg_is_what_scripts_haproxy_config_sh_prints_for_the_compose_gateways()
    {
        var backends = Gateways.Select(g => $"{Compose.Value(g, "networks", "cluster", "ipv4_address")}:8080").ToArray();
        var printed = await ExternalCommand.RunAsync(
            "bash", ["scripts/haproxy-config.sh", "*:8080", .. backends], TimeSpan.FromSeconds(30), RepositoryLayout.Root);
        Assert.Equal(0, printed.ExitCode);

        var kept = File.ReadAllLines(Path.Combine(RepositoryLayout.Root, "docker", "haproxy.cfg")).SkipWhile(l => l.StartsWith('#'));
        Assert.Equal(printed.Output.TrimEnd('\n').Split('\n'), kept);
        Assert.Contains("  option httpchk GET /health/ready", kept);
        foreach (var backend in backends)
        {
            Assert.Contains(kept, line => line.TrimStart().StartsWith("server ", StringComparison.Ordinal) && line.Contains(backend, StringComparison.Ordinal));
        }
    }

    [LintFact("haproxy")]
    public async Task Docker_haproxy_cfg_passes_haproxy_check()
    {
        var (exitCode, output) = await Linter.Haproxy.RunAsync("-c", "-f", "docker/haproxy.cfg");

        Assert.True(exitCode == 0, output);
    }
}
