using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Testing;
using Xunit.Abstractions;

namespace AutoScale.Gateway.Tests.RunScript;

/// <summary>The user's command, for real: <c>GATEWAYS=2 ./run.sh</c>, a gateway killed under it, then Ctrl-C.</summary>
public sealed class RunScriptTests(ITestOutputHelper output)
{
    private const int Gateways = 2;

    [Fact]
    public async Task Two_gateways_under_run_sh_survive_a_killed_one_and_Ctrl_C_leaves_nothing_running()
    {
        var port = FreePorts(Gateways + 1);
        var siloPort = FreePorts(Gateways);
        await using var run = RunScriptProcess.Start(new Dictionary<string, string>
        {
            ["GATEWAYS"] = Gateways.ToString(CultureInfo.InvariantCulture),
            ["PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["SILO_PORT"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["MODELS"] = "none",
            // Workers of this run only: the local fleet finds workers by this prefix, and a user's ./run.sh has another.
            ["Fleet__NamePrefix"] = $"t{Guid.NewGuid().ToString("N")[..8]}-",
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
            ["UseSharedCompilation"] = "false",
        });

        var clock = Stopwatch.StartNew();
        var url = Value(await run.LineAsync("URL:", TimeSpan.FromMinutes(4)));
        var tenantKey = Value(await run.LineAsync("Tenant key:", TimeSpan.FromSeconds(30)));
        Assert.StartsWith("as_", Value(await run.LineAsync("Admin key:", TimeSpan.FromSeconds(30))), StringComparison.Ordinal);
        await run.LineAsync($"{Gateways} gateways are ready", TimeSpan.FromMinutes(3));
        output.WriteLine($"run.sh printed its URL and keys and had {Gateways} gateways ready after {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal($"http://127.0.0.1:{port}", url);
        Assert.Single(run.Output, line => line.TrimStart().StartsWith("Tenant key:", StringComparison.Ordinal));

        using var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tenantKey);
        var accepted = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            accepted.Add(await SubmitAsync(client, $"Before the kill, job {i}.") ?? throw new InvalidOperationException(
                $"A job was refused before any gateway was killed.\n{run.RecentOutput}"));
        }

        var killed = ReadPid(run, 1);
        RunProcesses.Kill(killed);
        var sinceKill = Stopwatch.StartNew();
        var attempts = new List<(double At, bool Ok)>();
        while (sinceKill.Elapsed < TimeSpan.FromSeconds(15) || !attempts.TakeLast(5).All(a => a.Ok))
        {
            Assert.True(sinceKill.Elapsed < TimeSpan.FromSeconds(90), $"Requests through HAProxy still fail 90 s after the kill.\n{run.RecentOutput}");
            var id = await SubmitAsync(client, $"After the kill, attempt {attempts.Count}.");
            attempts.Add((sinceKill.Elapsed.TotalSeconds, id is not null));
            if (id is not null)
            {
                accepted.Add(id);
            }

            await Task.Delay(250);
        }

        var failed = attempts.Where(a => !a.Ok).ToList();
        output.WriteLine(
            $"After SIGKILL of gateway-1: {failed.Count} of {attempts.Count} requests failed" + (failed.Count > 0
                ? $", from {failed[0].At:0.0} s to {failed[^1].At:0.0} s after the kill"
                : "") + $"; load {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores");

        // Every accepted job, before and after the kill, finishes; and run.sh has started the killed gateway again.
        foreach (var id in accepted)
        {
            await Eventually.TrueAsync(
                async () => (await StatusAsync(client, id)) == "succeeded", TimeSpan.FromSeconds(120), $"job {id} to succeed");
        }

        output.WriteLine($"All {accepted.Count} accepted jobs (the last sent {attempts[^1].At:0.0} s after the kill) succeeded {sinceKill.Elapsed.TotalSeconds:0.0} s after the kill");
        await Eventually.TrueAsync(
            () => Task.FromResult(ReadPid(run, 1) is var pid && pid != killed && Directory.Exists($"/proc/{pid}")),
            TimeSpan.FromSeconds(60), "run.sh to start the killed gateway again");
        Assert.Contains(run.Output, line => line.Contains("gateway-1", StringComparison.Ordinal) && line.Contains("starting it again", StringComparison.Ordinal));

        var stopping = Stopwatch.StartNew();
        Assert.True(await run.InterruptAsync(TimeSpan.FromSeconds(120)), $"run.sh did not stop within 120 s of Ctrl-C.\n{run.RecentOutput}");
        output.WriteLine($"Ctrl-C stopped everything in {stopping.Elapsed.TotalSeconds:0.0} s");
        var left = run.LeftRunning();
        Assert.True(left.Count == 0, $"Left running after Ctrl-C:\n{string.Join('\n', left)}");
    }

    /// <summary>The job's id when the public port accepted it (202), else null (an error status or no answer).</summary>
    private static async Task<string?> SubmitAsync(HttpClient client, string text)
    {
        try
        {
            using var response = await client.SubmitAsync(new { text });
            return response.StatusCode == HttpStatusCode.Accepted ? (await response.JsonAsync()).GetProperty("id").GetString() : null;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    private static async Task<string?> StatusAsync(HttpClient client, string id)
    {
        using var response = await client.GetAsync($"/v1/jobs/{id}");
        return response.IsSuccessStatusCode ? (await response.JsonAsync()).GetProperty("status").GetString() : null;
    }

    private static int ReadPid(RunScriptProcess run, int gateway) =>
        int.Parse(File.ReadAllText(Path.Combine(run.DataPath, "gateways", $"gateway-{gateway}.pid")).Trim(), CultureInfo.InvariantCulture);

    private static string Value(string line) => line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();

    /// <summary>The first of <paramref name="count"/> consecutive loopback ports nothing listens on.</summary>
    private static int FreePorts(int count)
    {
        while (true)
        {
            var first = Random.Shared.Next(20_000, 30_000);
            if (Enumerable.Range(first, count).All(IsFree))
            {
                return first;
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
