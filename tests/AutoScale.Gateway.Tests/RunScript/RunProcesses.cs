using System.Diagnostics;
using System.Globalization;

namespace AutoScale.Gateway.Tests.RunScript;

/// <summary>
/// The processes of one <c>./run.sh</c> run, found by its private data folder: gateways, HAProxy and PostgreSQL name it
/// on their command lines, the local fleet's workers in their environment (their models path).
/// </summary>
internal static class RunProcesses
{
    public static IReadOnlyList<(int Pid, string CommandLine)> Find(string dataPath)
    {
        var found = new List<(int, string)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
                var environment = File.ReadAllText($"/proc/{pid}/environ");
                if (commandLine.Length > 0 && (commandLine.Contains(dataPath, StringComparison.Ordinal)
                    || environment.Contains(dataPath, StringComparison.Ordinal)))
                {
                    found.Add((pid, commandLine));
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // gone meanwhile, or not ours to read
            }
        }

        return found;
    }

    /// <summary>SIGKILL, as in a crash.</summary>
    public static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            // already gone
        }
    }
}
