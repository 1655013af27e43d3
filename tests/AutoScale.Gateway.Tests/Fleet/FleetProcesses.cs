using System.Globalization;
using System.Runtime.InteropServices;

namespace AutoScale.Gateway.Tests.Fleet;

/// <summary>The local fleet's worker processes of one test, found by the fleet id prefix in their environment.</summary>
internal static partial class FleetProcesses
{
    public static IReadOnlyList<int> Running(string namePrefix)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                if (stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z'))
                {
                    continue;
                }

                if (File.ReadAllText($"/proc/{pid}/environ").Split('\0').Any(v => v.StartsWith($"Worker__FleetId={namePrefix}", StringComparison.Ordinal)))
                {
                    found.Add(pid);
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
            }
        }

        return found;
    }

    public static void KillAll(string namePrefix)
    {
        foreach (var pid in Running(namePrefix))
        {
            _ = SendSignal(pid, 9);
        }
    }

    public static void Kill(int pid) => _ = SendSignal(pid, 9);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
