using System.Threading.RateLimiting;
using AutoScale.Gateway.RateLimiting;
using AutoScale.Grains.RateLimiting;
using AutoScale.Interfaces.RateLimiting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AutoScale.Gateway.Tests.RateLimiting;

/// <summary>The gateway's side of the shared bucket, over the grain's own <see cref="TokenBucket"/> in memory.</summary>
public sealed class ClusterTokenBucketLimiterTests
{
    private static readonly TokenBucketLimits TenPerSecondBurstTen = new(10, 10);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Two_gateways_limiters_on_one_bucket_pass_its_tokens_and_no_more()
    {
        var bucket = new InMemoryBucket(_clock);
        using var first = Limiter(bucket, leaseSize: 3);
        using var second = Limiter(bucket, leaseSize: 3);

        var passed = 0;
        for (var step = 0; step < 50; step++)
        {
            passed += await PassedAsync(first) + await PassedAsync(second);
            _clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        // 10 at once and 10 a second for 4.9 s: 59 at most; the leases lost to their lifetime make it a few fewer.
        Assert.InRange(passed, 40, 59);
    }

    [Fact]
    public async Task Tokens_at_hand_spare_a_call_to_the_bucket_and_expire_unused()
    {
        var bucket = new InMemoryBucket(_clock);
        using var limiter = Limiter(bucket, leaseSize: 4);

        Assert.True((await limiter.AcquireAsync()).IsAcquired);
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        Assert.Equal(1, bucket.Calls);

        _clock.Advance(ClusterTokenBucketLimiter.LeaseLifetime + TimeSpan.FromMilliseconds(1));
        Assert.False(limiter.AttemptAcquire().IsAcquired);
    }

    [Fact]
    public async Task A_refused_request_carries_retry_after_and_the_next_ones_are_refused_without_asking_the_bucket()
    {
        var bucket = new InMemoryBucket(_clock);
        using var limiter = Limiter(bucket, leaseSize: 1);
        for (var i = 0; i < 10; i++)
        {
            Assert.True((await limiter.AcquireAsync()).IsAcquired);
        }

        var refused = await limiter.AcquireAsync();
        var callsWhenRefused = bucket.Calls;
        var refusedAgain = await limiter.AcquireAsync();

        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(0.1), retryAfter);
        Assert.False(refusedAgain.IsAcquired);
        Assert.Equal(callsWhenRefused, bucket.Calls);
        _clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True((await limiter.AcquireAsync()).IsAcquired);
    }

    private static async Task<int> PassedAsync(RateLimiter limiter)
    {
        using var lease = limiter.AttemptAcquire() is { IsAcquired: true } local ? local : await limiter.AcquireAsync();
        return lease.IsAcquired ? 1 : 0;
    }

    private ClusterTokenBucketLimiter Limiter(ITokenBucketGrain bucket, int leaseSize) =>
        new(bucket, TenPerSecondBurstTen, leaseSize, _clock, NullLogger.Instance);

    private sealed class InMemoryBucket(TimeProvider time) : ITokenBucketGrain
    {
        private readonly TokenBucket _bucket = new();

        public int Calls { get; private set; }

        public Task<TokenGrant> TakeAsync(int wanted, TokenBucketLimits limits)
        {
            Calls++;
            return Task.FromResult(_bucket.Take(time.GetUtcNow(), wanted, limits));
        }
    }
}
