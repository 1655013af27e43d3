using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using AutoScale.Data;

namespace AutoScale.Testing;

/// <summary>
/// A private HAProxy in front of several gateways, on the configuration <c>scripts/haproxy-config.sh</c> prints (the one
/// <c>GATEWAYS=2 ./run.sh</c> uses): its own folder, a free loopback port, run in the foreground and stopped with the test.
/// </summary>
public sealed class HaproxyProcess : IAsyncDisposable
{
    /// <summary>Where the Debian package <c>haproxy</c> installs the program.</summary>
    public const string DefaultExecutable = "/usr/sbin/haproxy";

    private readonly Process _process;
    private readonly string _folder;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly int _statsPort;

    private HaproxyProcess(Process process, string folder, int port, int statsPort)
    {
        _process = process;
        _folder = folder;
        Port = port;
        _statsPort = statsPort;
    }

    /// <summary>The haproxy program to run, or null when it is not installed.</summary>
    public static string? Executable => InstalledProgram.Find("haproxy", DefaultExecutable);

    /// <summary>Why HAProxy tests cannot run here, or null when they can.</summary>
    public static string? MissingReason =>
        Executable is null ? $"haproxy is not installed ({DefaultExecutable}; Debian package 'haproxy')." : null;

    /// <summary>The loopback port HAProxy listens on.</summary>
    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>What HAProxy printed (its warnings and alerts: servers going down and up).</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    /// <summary>Starts HAProxy before <paramref name="backends"/> (each <c>address:port</c>) and waits until it accepts connections.</summary>
    public static async Task<HaproxyProcess> StartAsync(IReadOnlyList<string> backends)
    {
        var executable = Executable ?? throw new InvalidOperationException(MissingReason);
        var folder = Path.Combine(Path.GetTempPath(), "autoscale-test-haproxy", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var port = LocalPostgresCluster.FreeTcpPort();
        var script = Path.Combine(RepositoryLayout.Root, "scripts", "haproxy-config.sh");
        var config = await ExternalCommand.RunAsync("bash", [script, $"127.0.0.1:{port}", .. backends], TimeSpan.FromSeconds(30));
        if (config.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} exited with {config.ExitCode}: {config.AllOutput}");
        }

        // A stats page of its own, so a test can see which gateways HAProxy's health checks hold up or down.
        var statsPort = LocalPostgresCluster.FreeTcpPort();
        var configPath = Path.Combine(folder, "haproxy.cfg");
        await File.WriteAllTextAsync(configPath, config.Output + string.Create(CultureInfo.InvariantCulture, $"""

            frontend stats
              bind 127.0.0.1:{statsPort}
              stats enable
              stats uri /stats

            """));

        // -db: foreground, no daemon, so killing this process ends HAProxy; -W would fork a master and a worker.
        // -n: the shared configuration's maxconn needs twice as many file descriptors, more than a test host may allow.
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        foreach (var argument in new[] { "-db", "-n", "4096", "-f", configPath })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var haproxy = new HaproxyProcess(process, folder, port, statsPort);
        process.OutputDataReceived += (_, line) => haproxy.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => haproxy.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await haproxy.WaitUntilAcceptingAsync();
        }
        catch
        {
            await haproxy.DisposeAsync();
            throw;
        }

        return haproxy;
    }

    /// <summary>Each backend server's state as HAProxy's health checks see it (<c>gateway-1</c> → <c>UP</c>, <c>DOWN</c>, <c>UP 1/2</c> while going down…).</summary>
    public async Task<IReadOnlyDictionary<string, string>> ServerStatesAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var csv = await http.GetStringAsync($"http://127.0.0.1:{_statsPort.ToString(CultureInfo.InvariantCulture)}/stats;csv");
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var columns = lines[0].TrimStart('#', ' ').Split(',');
        var name = Array.IndexOf(columns, "svname");
        var status = Array.IndexOf(columns, "status");
        return lines.Skip(1).Select(line => line.Split(','))
            .Where(fields => fields[0] == "gateways" && fields[name] is not ("FRONTEND" or "BACKEND"))
            .ToDictionary(fields => fields[name], fields => fields[status]);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200 && _output.TryDequeue(out _))
        {
        }
    }

    private async Task WaitUntilAcceptingAsync()
    {
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"haproxy exited with code {_process.ExitCode}.");
                }

                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return true;
            }, TimeSpan.FromSeconds(20), "haproxy to accept connections");
        }
        catch (Exception exception)
        {
            throw new InvalidOperationException($"haproxy did not start. It printed:\n{Output}", exception);
        }
    }
}
