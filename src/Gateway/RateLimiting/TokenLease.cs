using System.Threading.RateLimiting;

namespace AutoScale.Gateway.RateLimiting;

/// <summary>The answer of <see cref="ClusterTokenBucketLimiter"/>: granted, or refused with how long to wait.</summary>
public sealed class TokenLease : RateLimitLease
{
    private readonly TimeSpan? _retryAfter;

    private TokenLease(bool isAcquired, TimeSpan? retryAfter)
    {
        IsAcquired = isAcquired;
        _retryAfter = retryAfter;
    }

    public static TokenLease Acquired { get; } = new(true, null);

    /// <summary>No token at hand without asking the bucket (the rate limiting middleware then waits on the bucket).</summary>
    public static TokenLease NotAtHand { get; } = new(false, null);

    public static TokenLease Refused(TimeSpan retryAfter) => new(false, retryAfter);

    public override bool IsAcquired { get; }

    public override IEnumerable<string> MetadataNames => _retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        metadata = metadataName == MetadataName.RetryAfter.Name ? _retryAfter : null;
        return metadata is not null;
    }
}
