using System.Threading.RateLimiting;
using AutoScale.Interfaces.RateLimiting;

namespace AutoScale.Gateway.RateLimiting;

/// <summary>
/// A <see cref="RateLimiter"/> over a cluster-wide <see cref="ITokenBucketGrain"/>, so gateways together never pass
/// more than the bucket's rate. To spare a grain call per request, it takes up to <c>leaseSize</c> tokens at a time
/// and spends them locally; tokens at hand are dropped after <see cref="LeaseLifetime"/>, so no gateway can save them
/// up for a burst above the bucket's capacity. The cost of holding them is that another gateway may be refused while
/// this one holds a few: the rate over all gateways stays at or below the limit, never above. Once the bucket says
/// "none until then", requests are refused here until then, so a tenant flooding a gateway costs no grain call each.
/// </summary>
public sealed partial class ClusterTokenBucketLimiter(
    ITokenBucketGrain bucket, TokenBucketLimits limits, int leaseSize, TimeProvider time, ILogger logger) : RateLimiter
{
    /// <summary>How long tokens taken from the bucket may be kept unused.</summary>
    public static readonly TimeSpan LeaseLifetime = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private int _atHand;
    private long _atHandUntil;
    private long _refusedUntil;
    private long _lastUsed = time.GetTimestamp();

    public override TimeSpan? IdleDuration => time.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_lock)
        {
            return new RateLimiterStatistics { CurrentAvailablePermits = AtHand() };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
        TryTakeAtHand(permitCount) ? TokenLease.Acquired : RefusedHere() ?? TokenLease.NotAtHand;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (TryTakeAtHand(permitCount))
        {
            return TokenLease.Acquired;
        }

        if (RefusedHere() is { } refused)
        {
            return refused;
        }

        TokenGrant grant;
        var started = time.GetTimestamp();
        try
        {
            grant = await bucket.TakeAsync(Math.Max(permitCount, leaseSize), limits).WaitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The bucket's silo is dying or the cluster settling: a limiter that fails would turn every request into
            // an error, so requests pass until the bucket answers again (it reactivates on a survivor).
            LogBucketUnavailable(exception.GetType().Name, exception.Message);
            return TokenLease.Acquired;
        }
        finally
        {
            RateLimitMetrics.BucketCallDuration.Record(time.GetElapsedTime(started).TotalSeconds);
        }

        if (grant.Granted < permitCount)
        {
            Interlocked.Exchange(ref _refusedUntil, time.GetTimestamp() + (long)(grant.RetryAfter.TotalSeconds * time.TimestampFrequency));
            return TokenLease.Refused(grant.RetryAfter);
        }

        lock (_lock)
        {
            _atHand = AtHand() + grant.Granted - permitCount;
            _atHandUntil = time.GetTimestamp() + (long)(LeaseLifetime.TotalSeconds * time.TimestampFrequency);
        }

        return TokenLease.Acquired;
    }

    private TokenLease? RefusedHere()
    {
        var wait = Interlocked.Read(ref _refusedUntil) - time.GetTimestamp();
        return wait > 0 ? TokenLease.Refused(TimeSpan.FromSeconds((double)wait / time.TimestampFrequency)) : null;
    }

    private bool TryTakeAtHand(int permitCount)
    {
        Interlocked.Exchange(ref _lastUsed, time.GetTimestamp());
        lock (_lock)
        {
            if (AtHand() < permitCount)
            {
                return false;
            }

            _atHand -= permitCount;
            return true;
        }
    }

    // Caller holds _lock.
    private int AtHand()
    {
        if (_atHand > 0 && time.GetTimestamp() > _atHandUntil)
        {
            _atHand = 0;
        }

        return _atHand;
    }
}
