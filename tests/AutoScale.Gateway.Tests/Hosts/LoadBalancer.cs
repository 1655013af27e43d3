using AutoScale.Testing;
using AutoScale.Testing.Network;

namespace AutoScale.Gateway.Tests.Hosts;

/// <summary>HAProxy in its own host, with the configuration <c>scripts/haproxy-config.sh</c> prints for the given gateways.</summary>
public sealed class LoadBalancer : IAsyncDisposable
{
    public const int Port = 8080;
    private readonly string _configuration;

    private LoadBalancer(ServiceProcess process, Uri baseAddress, string configuration)
    {
        Process = process;
        BaseAddress = baseAddress;
        _configuration = configuration;
    }

    public ServiceProcess Process { get; }

    public Uri BaseAddress { get; }

    /// <summary>Starts HAProxy in <paramref name="host"/> and waits until it finds a gateway ready.</summary>
    public static async Task<LoadBalancer> StartAsync(NetworkHost host, IEnumerable<Uri> gateways)
    {
        var script = Path.Combine(RepositoryLayout.Root, "scripts", "haproxy-config.sh");
        var printed = await ExternalCommand.RunAsync(
            "bash", [script, $"{host.Address}:{Port}", .. gateways.Select(g => $"{g.Host}:{g.Port}")], TimeSpan.FromSeconds(20));
        Assert.True(printed.ExitCode == 0, $"haproxy-config.sh failed: {printed.AllOutput}");
        var configuration = Path.Combine(Path.GetTempPath(), $"autoscale-haproxy-{Guid.NewGuid():N}.cfg");
        await File.WriteAllTextAsync(configuration, printed.Output);
        var balancer = new LoadBalancer(
            host.StartProgram("haproxy", ["-f", configuration, "-db"]), new Uri($"http://{host.Address}:{Port}"), configuration);
        using var http = new HttpClient { BaseAddress = balancer.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            await Eventually.TrueAsync(async () => !balancer.Process.HasExited && (await http.GetAsync("/health/ready")).IsSuccessStatusCode,
                TimeSpan.FromSeconds(30), "HAProxy to answer /health/ready through a gateway");
        }
        catch (Exception exception)
        {
            var output = balancer.Process.RecentOutput;
            await balancer.DisposeAsync();
            throw new InvalidOperationException($"HAProxy did not come up. Its output:\n{output}", exception);
        }

        return balancer;
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        File.Delete(_configuration);
    }
}
