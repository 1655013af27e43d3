namespace AutoScale.Models;

/// <summary>
/// How often and how long apart a request that failed on the way is tried again: <see cref="Retries"/> retries,
/// doubling from <see cref="FirstDelay"/> up to <see cref="LongestDelay"/>. Pure: the caller waits.
/// </summary>
public sealed record RetrySchedule(int Retries, TimeSpan FirstDelay, TimeSpan LongestDelay)
{
    /// <summary>Whether a request that has failed <paramref name="failures"/> times in a row may be tried again.</summary>
    public bool AllowsAnotherTry(int failures) => failures <= Retries;

    /// <summary>The wait before retry number <paramref name="retry"/> (1 for the first).</summary>
    public TimeSpan DelayBefore(int retry) =>
        TimeSpan.FromTicks((long)Math.Min(LongestDelay.Ticks, FirstDelay.Ticks * Math.Pow(2, Math.Max(0, retry - 1))));
}
