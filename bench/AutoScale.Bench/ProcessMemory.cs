using System.Globalization;

namespace AutoScale.Bench;

/// <summary>This process's resident memory from <c>/proc/self/status</c>: now (VmRSS) and at its peak (VmHWM), which can be reset.</summary>
public static class ProcessMemory
{
    public static double ResidentMegabytes => Read("VmRSS:");

    public static double PeakResidentMegabytes => Read("VmHWM:");

    /// <summary>Another process's peak resident memory (a worker the bench started).</summary>
    public static double PeakResidentMegabytesOf(int processId) => Read("VmHWM:", $"/proc/{processId}/status");

    /// <summary>Resets the kernel's peak mark to the current resident size, so the next reading covers only what follows.</summary>
    public static void ResetPeak() => File.WriteAllText("/proc/self/clear_refs", "5");

    private static double Read(string field, string status = "/proc/self/status") =>
        File.ReadLines(status).Where(line => line.StartsWith(field, StringComparison.Ordinal))
            .Select(line => double.Parse(line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024)
            .FirstOrDefault();
}
