namespace AutoScale.Silo.Synthesis;

/// <summary>
/// Retry with exponential delay and a deadline, on a <see cref="TimeProvider"/>: after the n-th failure in a row the
/// next try waits <see cref="First"/> × 2^(n−1), at most <see cref="Max"/>; when that wait would end at or past the
/// deadline (<see cref="Budget"/> after the first try), the failure is thrown instead. A cancellation of the caller's
/// token is never retried, nor is <see cref="OutOfMemoryException"/>. The worker's one retry loop: taking work,
/// reporting a chunk done, telling the control silo.
/// </summary>
/// <param name="First">The wait after the first failure.</param>
/// <param name="Max">The longest wait.</param>
/// <param name="Budget">How long to keep trying; null tries until cancelled.</param>
public sealed record Backoff(TimeSpan First, TimeSpan Max, TimeSpan? Budget = null)
{
    /// <summary>The wait after <paramref name="failures"/> failures in a row (1-based).</summary>
    public TimeSpan DelayAfter(int failures) =>
        TimeSpan.FromTicks((long)Math.Min(Max.Ticks, First.Ticks * Math.Pow(2, Math.Max(0, failures - 1))));

    /// <summary>
    /// Runs <paramref name="attempt"/> until it succeeds; <paramref name="retrying"/> hears of each failure that will be
    /// retried, with the count of failures so far and the wait before the next try.
    /// </summary>
    public async Task<T> RetryAsync<T>(
        Func<CancellationToken, Task<T>> attempt,
        TimeProvider time,
        Action<Exception, int, TimeSpan>? retrying,
        CancellationToken cancellationToken)
    {
        var deadline = Budget is { } budget ? time.GetUtcNow() + budget : DateTimeOffset.MaxValue;
        for (var failures = 1; ; failures++)
        {
            var delay = DelayAfter(failures);
            try
            {
                return await attempt(cancellationToken);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException
                && !(exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
                && time.GetUtcNow() + delay < deadline)
            {
                retrying?.Invoke(exception, failures, delay);
            }

            await Task.Delay(delay, time, cancellationToken);
        }
    }

    /// <inheritdoc cref="RetryAsync{T}"/>
    public Task RetryAsync(
        Func<CancellationToken, Task> attempt, TimeProvider time, Action<Exception, int, TimeSpan>? retrying, CancellationToken cancellationToken) =>
        RetryAsync(
            async token =>
            {
                await attempt(token);
                return true;
            },
            time,
            retrying,
            cancellationToken);
}
