namespace AutoScale.Interfaces.RateLimiting;

/// <summary>
/// A token bucket shared by the whole cluster: one activation per key on a control silo, so every gateway draws on
/// the same tokens (a tenant's request rate today; its quotas later). Callers pass the limits with each call, so a
/// change of settings needs no grain state; the bucket lives in memory and starts full after a move.
/// </summary>
[Alias("token-bucket")]
public interface ITokenBucketGrain : IGrainWithStringKey
{
    /// <summary>Takes up to <paramref name="wanted"/> tokens: as many as the bucket holds, or none and how long until one.</summary>
    [Alias("take")]
    Task<TokenGrant> TakeAsync(int wanted, TokenBucketLimits limits);
}

/// <summary>A bucket refilled at <see cref="TokensPerSecond"/> up to <see cref="Capacity"/> (its burst).</summary>
[GenerateSerializer, Immutable, Alias("token-bucket-limits")]
public sealed record TokenBucketLimits([property: Id(0)] double TokensPerSecond, [property: Id(1)] int Capacity);

/// <summary>The tokens granted (possibly fewer than wanted); when none, how long until the next token.</summary>
[GenerateSerializer, Immutable, Alias("token-grant")]
public sealed record TokenGrant([property: Id(0)] int Granted, [property: Id(1)] TimeSpan RetryAfter);

/// <summary>The keys of the cluster's token buckets.</summary>
public static class TokenBuckets
{
    /// <summary>A tenant's request rate (<c>RateLimiting:*</c>).</summary>
    public static ITokenBucketGrain TenantRate(IGrainFactory grains, string tenantId) =>
        grains.GetGrain<ITokenBucketGrain>($"tenant-rate/{tenantId}");
}
