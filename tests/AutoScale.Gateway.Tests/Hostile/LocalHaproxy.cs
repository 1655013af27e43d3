using AutoScale.Data;
using AutoScale.Testing;

namespace AutoScale.Gateway.Tests.Hostile;

/// <summary>
/// HAProxy on 127.0.0.1 in front of one gateway, with the configuration <c>scripts/haproxy-config.sh</c> prints: the
/// shape of <c>GATEWAYS=2 ./run.sh</c>, where the gateway sees every client as the proxy's 127.0.0.1.
/// </summary>
public sealed class LocalHaproxy : IAsyncDisposable
{
    private readonly string _configuration;

    private LocalHaproxy(ServiceProcess process, Uri address, string configuration)
    {
        Process = process;
        BaseAddress = address;
        _configuration = configuration;
    }

    public ServiceProcess Process { get; }

    public Uri BaseAddress { get; }

    public static async Task<LocalHaproxy> StartAsync(Uri gateway)
    {
        var executable = InstalledProgram.Find("haproxy", "/usr/sbin/haproxy")
            ?? throw new InvalidOperationException("haproxy is not installed (Debian package 'haproxy').");
        var port = LocalPostgresCluster.FreeTcpPort();
        var printed = await ExternalCommand.RunAsync(
            "bash", [Path.Combine(RepositoryLayout.Root, "scripts", "haproxy-config.sh"), $"127.0.0.1:{port}", $"{gateway.Host}:{gateway.Port}"],
            TimeSpan.FromSeconds(20));
        Assert.True(printed.ExitCode == 0, $"haproxy-config.sh failed: {printed.AllOutput}");
        var configuration = Path.Combine(Path.GetTempPath(), $"autoscale-haproxy-{Guid.NewGuid():N}.cfg");
        await File.WriteAllTextAsync(configuration, printed.Output);
        var haproxy = new LocalHaproxy(
            ServiceProcess.StartProgram(executable, ["-f", configuration, "-db"], "haproxy", new Dictionary<string, string>()),
            new Uri($"http://127.0.0.1:{port}"), configuration);
        using var http = new HttpClient { BaseAddress = haproxy.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            await Eventually.TrueAsync(
                async () => !haproxy.Process.HasExited && (await http.GetAsync("/health/ready")).IsSuccessStatusCode,
                TimeSpan.FromSeconds(30), "HAProxy to answer /health/ready through the gateway");
        }
        catch (Exception exception)
        {
            var output = haproxy.Process.RecentOutput;
            await haproxy.DisposeAsync();
            throw new InvalidOperationException($"HAProxy did not come up. Its output:\n{output}", exception);
        }

        return haproxy;
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        File.Delete(_configuration);
    }
}
