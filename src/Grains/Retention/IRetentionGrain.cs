namespace AutoScale.Grains.Retention;

/// <summary>
/// The cluster's one retention sweeper (key 0), on the control silo: removes finished jobs older than
/// <c>Jobs:RetentionDays</c> with their artifacts, every <c>Jobs:RetentionSweepMinutes</c>.
/// </summary>
[Alias("retention")]
public interface IRetentionGrain : IGrainWithIntegerKey
{
    /// <summary>Registers the reminder that wakes the sweeper after any restart (or removes it when retention is off).</summary>
    [Alias("ensure-running")]
    Task EnsureRunningAsync();

    /// <summary>Sweeps now; answers how many jobs were removed.</summary>
    [Alias("sweep")]
    Task<int> SweepAsync();
}
