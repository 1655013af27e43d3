using System.Globalization;

namespace AutoScale.Bench;

/// <summary>
/// Resident memory from <c>/proc/&lt;pid&gt;/status</c>, of this process or another of this user's: now (VmRSS) and at its
/// peak (VmHWM), which can be reset.
/// </summary>
public static class ProcessMemory
{
    private const string Self = "self";

    public static double ResidentMegabytes => Read(Self, "VmRSS:");

    public static double PeakResidentMegabytes => Read(Self, "VmHWM:");

    /// <summary>Resets the kernel's peak mark to the current resident size, so the next reading covers only what follows.</summary>
    public static void ResetPeak() => ResetPeak(Self);

    public static double ResidentMegabytesOf(int pid) => Read(Id(pid), "VmRSS:");

    public static double PeakResidentMegabytesOf(int pid) => Read(Id(pid), "VmHWM:");

    public static void ResetPeakOf(int pid) => ResetPeak(Id(pid));

    private static string Id(int pid) => pid.ToString(CultureInfo.InvariantCulture);

    private static void ResetPeak(string process) => File.WriteAllText($"/proc/{process}/clear_refs", "5");

    private static double Read(string process, string field) =>
        File.ReadLines($"/proc/{process}/status").Where(line => line.StartsWith(field, StringComparison.Ordinal))
            .Select(line => double.Parse(line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024)
            .First();
}
