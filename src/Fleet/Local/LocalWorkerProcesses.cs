using System.Globalization;

namespace AutoScale.Fleet.Local;

/// <summary>
/// Finds this fleet's worker processes by what is in their environment (their fleet id starts with the fleet's
/// prefix), so workers started by an earlier gateway are found again, and a reused process id is never mistaken for one.
/// </summary>
public static class LocalWorkerProcesses
{
    public const string FleetIdVariable = "Worker__FleetId";
    public const string PoolVariable = "Worker__Pool";
    public const string ImageVariable = "AUTOSCALE_WORKER_IMAGE";
    public const string MarkerVariable = "AUTOSCALE_FLEET_PROVIDER";
    public const string Marker = "local";

    public static IReadOnlyList<LocalWorkerProcess> FindOwned(string namePrefix)
    {
        var found = new List<LocalWorkerProcess>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && Read(pid, namePrefix) is { } process)
            {
                found.Add(process);
            }
        }

        return found;
    }

    /// <summary>The worker running as <paramref name="pid"/>, if that process is one of this fleet's.</summary>
    public static LocalWorkerProcess? Read(int pid, string namePrefix)
    {
        try
        {
            var environment = File.ReadAllText($"/proc/{pid}/environ")
                .Split('\0', StringSplitOptions.RemoveEmptyEntries)
                .Select(pair => pair.Split('=', 2))
                .Where(pair => pair.Length == 2)
                .GroupBy(pair => pair[0], StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => group.Last()[1], StringComparer.Ordinal);
            if (environment.GetValueOrDefault(MarkerVariable) != Marker
                || environment.GetValueOrDefault(FleetIdVariable) is not { } fleetId
                || !fleetId.StartsWith(namePrefix, StringComparison.Ordinal))
            {
                return null;
            }

            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            var started = process.StartTime.ToUniversalTime();
            return new LocalWorkerProcess(
                pid,
                fleetId,
                environment.GetValueOrDefault(PoolVariable) ?? "",
                environment.GetValueOrDefault(ImageVariable) ?? "",
                Exited: state is "Z" or "X",
                new DateTimeOffset(started, TimeSpan.Zero));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            return null; // gone meanwhile, or not ours to read
        }
    }
}

public sealed record LocalWorkerProcess(int Pid, string FleetId, string Pool, string Image, bool Exited, DateTimeOffset StartedAt);
