using System.ComponentModel.DataAnnotations;

namespace AutoScale.Grains.Retention;

/// <summary>How long finished jobs are kept, and how downloads hold them. Bound from the <c>Jobs</c> section.</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Jobs";

    /// <summary>
    /// Days a finished (succeeded, failed, cancelled) job is kept after it finished, with its audio
    /// (<c>Jobs:RetentionDays</c>); 0 keeps jobs forever. Fractions are allowed. Default 30.
    /// </summary>
    [Range(0, 36_500, ErrorMessage = "Jobs:RetentionDays must be between 0 (keep forever) and 36500.")]
    public double RetentionDays { get; set; } = 30;

    /// <summary>Minutes between sweeps for expired jobs (<c>Jobs:RetentionSweepMinutes</c>). Default 60.</summary>
    [Range(0.001, 10_080, ErrorMessage = "Jobs:RetentionSweepMinutes must be between 0.001 and 10080 (a week).")]
    public double RetentionSweepMinutes { get; set; } = 60;

    /// <summary>Jobs removed per statement (<c>Jobs:RetentionBatchSize</c>), so a backlog never holds long locks. Default 500.</summary>
    [Range(1, 10_000, ErrorMessage = "Jobs:RetentionBatchSize must be between 1 and 10000.")]
    public int RetentionBatchSize { get; set; } = 500;

    /// <summary>
    /// Seconds a download holds its job against retention past its last renewal (<c>Jobs:DownloadHoldSeconds</c>);
    /// renewed every third of that while the audio streams. Default 120.
    /// </summary>
    [Range(1, 86_400, ErrorMessage = "Jobs:DownloadHoldSeconds must be between 1 and 86400.")]
    public double DownloadHoldSeconds { get; set; } = 120;

    public bool Enabled => RetentionDays > 0;

    public TimeSpan Retention => TimeSpan.FromDays(RetentionDays);

    public TimeSpan SweepPeriod => TimeSpan.FromMinutes(RetentionSweepMinutes);

    public TimeSpan DownloadHold => TimeSpan.FromSeconds(DownloadHoldSeconds);
}
