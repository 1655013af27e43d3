namespace AutoScale.Gateway.Auth.LoginThrottling;

/// <summary>
/// When an address may try the admin key again, given its wrong keys so far; pure (the caller passes the time).
/// The first <see cref="FreeFailures"/> wrong keys cost nothing; each one after waits twice as long as the one
/// before, from 1 s up to <see cref="MaxDelay"/>. An attempt refused while waiting is not a wrong key: it changes
/// nothing, so hammering does not lengthen the wait. A sign-in, or <see cref="ForgetAfter"/> without a wrong key,
/// clears the address.
/// </summary>
public sealed class LoginThrottlePolicy(int freeFailures, TimeSpan maxDelay, TimeSpan forgetAfter)
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);

    public int FreeFailures { get; } = freeFailures;

    public TimeSpan MaxDelay { get; } = maxDelay;

    public TimeSpan ForgetAfter { get; } = forgetAfter;

    /// <summary>The wait that follows the <paramref name="count"/>th wrong key in a row.</summary>
    public TimeSpan DelayAfter(int count)
    {
        var delayed = count - FreeFailures;
        if (delayed <= 0)
        {
            return TimeSpan.Zero;
        }

        // 2^20 s is far beyond any cap: stop doubling there rather than overflow.
        var delay = FirstDelay * Math.Pow(2, Math.Min(delayed - 1, 20));
        return delay < MaxDelay ? delay : MaxDelay;
    }

    /// <summary>How long the address must still wait at <paramref name="now"/>; zero when it may try.</summary>
    public TimeSpan WaitAt(LoginFailures? failures, DateTimeOffset now)
    {
        if (failures is not { } known || IsForgotten(known, now))
        {
            return TimeSpan.Zero;
        }

        var wait = known.Last + DelayAfter(known.Count) - now;
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    /// <summary>The address's record after a wrong key at <paramref name="now"/>.</summary>
    public LoginFailures Failed(LoginFailures? failures, DateTimeOffset now) =>
        failures is { } known && !IsForgotten(known, now) ? new(known.Count + 1, now) : new(1, now);

    /// <summary>Whether the record is old enough to drop: the address starts afresh.</summary>
    public bool IsForgotten(LoginFailures failures, DateTimeOffset now) => now - failures.Last >= ForgetAfter;

    /// <summary><c>Retry-After</c>'s whole seconds for a wait, rounded up (a wait of 0.2 s is 1).</summary>
    public static int RetryAfterSeconds(TimeSpan wait) => (int)Math.Ceiling(wait.TotalSeconds);
}
