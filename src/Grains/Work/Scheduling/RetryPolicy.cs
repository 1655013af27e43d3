namespace AutoScale.Grains.Work.Scheduling;

/// <summary>
/// Exponential backoff: attempt n (1-based) waits <c>baseDelay × factor^(n-1)</c>, capped at <paramref name="MaxDelay"/>,
/// spread by ±<paramref name="Jitter"/> so retries of many chunks do not arrive together.
/// </summary>
public sealed record RetryPolicy(TimeSpan BaseDelay, double Factor, TimeSpan MaxDelay, double Jitter, int MaxAttempts)
{
    public TimeSpan NextDelay(int attempt, Random? random = null)
    {
        var raw = BaseDelay.TotalSeconds * Math.Pow(Factor, Math.Max(0, attempt - 1));
        var capped = Math.Min(raw, MaxDelay.TotalSeconds);
        var spread = 1 + (Jitter * ((2 * (random ?? Random.Shared).NextDouble()) - 1));
        return TimeSpan.FromSeconds(Math.Max(0, capped * spread));
    }
}
