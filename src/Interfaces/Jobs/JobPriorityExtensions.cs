namespace AutoScale.Interfaces.Jobs;

/// <summary>The lower-case names priorities have on the wire and in the database.</summary>
public static class JobPriorityExtensions
{
    public static string ToWireName(this JobPriority priority) => priority switch
    {
        JobPriority.Interactive => "interactive",
        JobPriority.Normal => "normal",
        JobPriority.Batch => "batch",
        _ => throw new ArgumentOutOfRangeException(nameof(priority), priority, null),
    };

    /// <summary>Parses a wire name; false for anything else.</summary>
    public static bool TryParseWireName(string? value, out JobPriority priority)
    {
        foreach (var candidate in Enum.GetValues<JobPriority>())
        {
            if (string.Equals(candidate.ToWireName(), value, StringComparison.Ordinal))
            {
                priority = candidate;
                return true;
            }
        }

        priority = default;
        return false;
    }
}
