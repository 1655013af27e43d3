using System.Diagnostics;
using AutoScale.Fleet.Local;

namespace AutoScale.Gateway.Tests.Fleet;

/// <summary>The local fleet's worker processes of one test, found the way the provider finds them.</summary>
internal static class FleetProcesses
{
    public static IReadOnlyList<int> Running(string namePrefix) =>
        [.. LocalWorkerProcesses.FindOwned(namePrefix).Where(p => !p.Exited).Select(p => p.Pid)];

    public static void KillAll(string namePrefix)
    {
        foreach (var pid in Running(namePrefix))
        {
            Kill(pid);
        }
    }

    /// <summary>SIGKILL, as in a crash.</summary>
    public static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (ArgumentException)
        {
            // already gone
        }
    }
}
