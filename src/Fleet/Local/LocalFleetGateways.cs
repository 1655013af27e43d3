using System.Globalization;

namespace AutoScale.Fleet.Local;

/// <summary>
/// The gateways that run one local fleet on this machine, each a file named by its process id in a folder of the
/// fleet's own. Workers belong to the machine, not to the gateway that started them: a gateway that stops while another
/// still runs leaves them to it (the scaler moves there and finds them by their environment), and only the last one to
/// leave stops them. A killed gateway leaves its file behind: a file whose process is gone, or is another program by
/// now (a reused id), does not count.
/// </summary>
public sealed class LocalFleetGateways(string directory)
{
    public string Directory { get; } = directory;

    /// <summary>The folder of the fleet named <paramref name="namePrefix"/> on this machine (under the temp folder).</summary>
    public static string DirectoryFor(string namePrefix)
    {
        var safe = string.Concat(namePrefix.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
        return Path.Combine(Path.GetTempPath(), "autoscale-fleet", safe, "gateways");
    }

    /// <summary>Counts the process <paramref name="pid"/> among the fleet's gateways.</summary>
    public void Join(int pid)
    {
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(FileOf(pid), StartTimeOf(pid) ?? "");
    }

    /// <summary>
    /// Takes <paramref name="pid"/> out of the fleet's gateways and returns the others still running. Leaving comes
    /// before looking, so of gateways stopping at the same moment the last to leave always finds none.
    /// </summary>
    public IReadOnlyList<int> Leave(int pid)
    {
        File.Delete(FileOf(pid));
        return Running();
    }

    /// <summary>The gateways of the fleet whose processes still run; files of dead ones are removed.</summary>
    public IReadOnlyList<int> Running()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        var running = new List<int>();
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory))
        {
            if (!int.TryParse(Path.GetFileName(file), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            if (ReadOrNull(file) is { Length: > 0 } recorded && StartTimeOf(pid) == recorded)
            {
                running.Add(pid);
            }
            else
            {
                File.Delete(file);
            }
        }

        return running;
    }

    private string FileOf(int pid) => Path.Combine(Directory, pid.ToString(CultureInfo.InvariantCulture));

    private static string? ReadOrNull(string file)
    {
        try
        {
            return File.ReadAllText(file).Trim();
        }
        catch (IOException)
        {
            return null; // removed meanwhile by the gateway that left
        }
    }

    /// <summary>When the process started (clock ticks since boot, /proc/[pid]/stat field 22): a reused id has another.</summary>
    private static string? StartTimeOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length > 19 ? fields[19] : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
