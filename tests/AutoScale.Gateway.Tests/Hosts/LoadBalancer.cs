using System.Globalization;
using AutoScale.Testing;
using AutoScale.Testing.Network;

namespace AutoScale.Gateway.Tests.Hosts;

/// <summary>
/// HAProxy in its own host, with the configuration <c>scripts/haproxy-config.sh</c> prints for the given gateways, and a
/// stats page of its own so a test sees which gateways the health checks hold up or down.
/// </summary>
public sealed class LoadBalancer : IAsyncDisposable
{
    public const int Port = 8080;
    private const int StatsPort = 8404;

    /// <summary>Where the Debian package <c>haproxy</c> installs the program.</summary>
    private const string DefaultExecutable = "/usr/sbin/haproxy";

    private readonly string _configuration;
    private readonly Uri _stats;

    private LoadBalancer(ServiceProcess process, NetworkHost host, string configuration)
    {
        Process = process;
        BaseAddress = new Uri($"http://{host.Address}:{Port}");
        _stats = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://{host.Address}:{StatsPort}/stats;csv"));
        _configuration = configuration;
    }

    public ServiceProcess Process { get; }

    public Uri BaseAddress { get; }

    /// <summary>Starts HAProxy in <paramref name="host"/> and waits until it finds a gateway ready.</summary>
    public static async Task<LoadBalancer> StartAsync(NetworkHost host, IEnumerable<Uri> gateways)
    {
        var executable = InstalledProgram.Find("haproxy", DefaultExecutable)
            ?? throw new InvalidOperationException($"haproxy is not installed ({DefaultExecutable}; Debian package 'haproxy').");
        var script = Path.Combine(RepositoryLayout.Root, "scripts", "haproxy-config.sh");
        var printed = await ExternalCommand.RunAsync(
            "bash", [script, $"{host.Address}:{Port}", .. gateways.Select(g => $"{g.Host}:{g.Port}")], TimeSpan.FromSeconds(20));
        Assert.True(printed.ExitCode == 0, $"haproxy-config.sh failed: {printed.AllOutput}");
        var configuration = Path.Combine(Path.GetTempPath(), $"autoscale-haproxy-{Guid.NewGuid():N}.cfg");
        await File.WriteAllTextAsync(configuration, printed.Output + string.Create(CultureInfo.InvariantCulture, $"""

            frontend stats
              bind {host.Address}:{StatsPort}
              stats enable
              stats uri /stats

            """));
        var balancer = new LoadBalancer(host.StartProgram(executable, ["-f", configuration, "-db"], $"{host.Name}:haproxy"), host, configuration);
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

    /// <summary>Each gateway's state as the health checks see it (<c>gateway-1</c> → <c>UP</c>, <c>DOWN</c>, <c>UP 1/2</c> while going down…).</summary>
    public async Task<IReadOnlyDictionary<string, string>> ServerStatesAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var lines = (await http.GetStringAsync(_stats)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var columns = lines[0].TrimStart('#', ' ').Split(',');
        var name = Array.IndexOf(columns, "svname");
        var status = Array.IndexOf(columns, "status");
        return lines.Skip(1).Select(line => line.Split(','))
            .Where(fields => fields[0] == "gateways" && fields[name] is not ("FRONTEND" or "BACKEND"))
            .ToDictionary(fields => fields[name], fields => fields[status]);
    }

    /// <summary>Waits until the health checks hold <paramref name="server"/> (<c>gateway-N</c>, in the order given at the start) in <paramref name="state"/>.</summary>
    public async Task WaitForStateAsync(string server, string state, TimeSpan timeout) =>
        await Eventually.TrueAsync(
            async () => (await ServerStatesAsync()).GetValueOrDefault(server) == state,
            timeout, $"HAProxy to hold {server} {state}");

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        File.Delete(_configuration);
    }
}
