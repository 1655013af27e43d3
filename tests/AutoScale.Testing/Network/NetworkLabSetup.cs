using System.Globalization;
using System.Text.RegularExpressions;

namespace AutoScale.Testing.Network;

/// <summary>What <see cref="NetworkLab"/> does around its own objects: the probe, the leftovers, the lock, the free subnet.</summary>
internal static partial class NetworkLabSetup
{
    private const string LockFile = "/tmp/autoscale-network-lab.lock";

    public static string? ProbeUnavailableReason()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "Network namespaces are Linux only.";
        }

        if (Environment.UserName != "root")
        {
            return "The network lab makes a bridge and network namespaces, which needs root.";
        }

        var probe = $"{NetworkLab.Prefix}{Environment.ProcessId:x6}-probe";
        try
        {
            var added = ExternalCommand.RunAsync("ip", ["netns", "add", probe], TimeSpan.FromSeconds(20)).GetAwaiter().GetResult();
            if (added.ExitCode != 0)
            {
                return $"'ip netns add' is not allowed here: {added.AllOutput.Trim()}";
            }

            ExternalCommand.RunAsync("ip", ["netns", "del", probe], TimeSpan.FromSeconds(20)).GetAwaiter().GetResult();
            return null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "The 'ip' program (iproute2) is not installed.";
        }
    }

    /// <summary>Removes namespaces and links named by a lab whose process is gone (a crashed or killed test run).</summary>
    public static async Task RemoveLeftoversAsync()
    {
        foreach (var line in (await IpCommand.OutputAsync("netns", "list")).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = line.Split(' ')[0];
            if (IsLeftover(name))
            {
                await RemoveNamespaceAsync(name);
            }
        }

        foreach (var line in (await IpCommand.OutputAsync("-o", "link", "show")).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // "7: asl0012abh1@if6: <...>"
            var name = line.Split(':', 3)[1].Trim().Split('@')[0];
            if (IsLeftover(name))
            {
                await IpCommand.TryAsync("link", "del", name);
            }
        }
    }

    /// <summary>SIGKILLs what still runs in the namespace (a process that outlived its test), then deletes the namespace.</summary>
    public static async Task RemoveNamespaceAsync(string name)
    {
        var pids = await ExternalCommand.RunAsync("ip", ["netns", "pids", name], TimeSpan.FromSeconds(20));
        foreach (var pid in pids.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            await ExternalCommand.RunAsync("kill", ["-KILL", pid.Trim()], TimeSpan.FromSeconds(10));
        }

        await IpCommand.TryAsync("netns", "del", name);
    }

    public static async Task<IDisposable> LockMachineAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                return new FileStream(LockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>The third octet of a 10.213.x.0/24 that no address or route on this machine touches.</summary>
    public static async Task<int> FreeSubnetAsync()
    {
        var used = await IpCommand.OutputAsync("-4", "-o", "addr", "show") + await IpCommand.OutputAsync("-4", "route", "show", "table", "all");
        var taken = Used().Matches(used).Select(match => int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)).ToHashSet();
        if (used.Contains("10.213.0.0/16", StringComparison.Ordinal) || used.Contains("10.0.0.0/8", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("This machine routes 10.213.0.0/16 already; the network lab will not share it.");
        }

        var start = Environment.ProcessId % 200;
        return Enumerable.Range(0, 250).Select(i => 2 + ((start + i) % 250)).FirstOrDefault(octet => !taken.Contains(octet)) is var free and > 0
            ? free
            : throw new InvalidOperationException("Every 10.213.x.0/24 is in use on this machine.");
    }

    private static bool IsLeftover(string name)
    {
        var match = LabName().Match(name);
        return match.Success && !Directory.Exists($"/proc/{int.Parse(match.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)}");
    }

    [GeneratedRegex(@"^asl([0-9a-f]{6})")]
    private static partial Regex LabName();

    [GeneratedRegex(@"\b10\.213\.(\d{1,3})\.")]
    private static partial Regex Used();
}
