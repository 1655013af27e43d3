using AutoScale.Grains.RateLimiting;
using AutoScale.Interfaces.RateLimiting;

namespace AutoScale.Grains.Tests.RateLimiting;

public sealed class TokenBucketTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TokenBucketLimits TwoPerSecondBurstFive = new(2, 5);

    [Fact]
    public void A_new_bucket_is_full_and_grants_no_more_than_it_holds()
    {
        var bucket = new TokenBucket();

        Assert.Equal(3, bucket.Take(Start, 3, TwoPerSecondBurstFive).Granted);
        Assert.Equal(2, bucket.Take(Start, 10, TwoPerSecondBurstFive).Granted);
        var refused = bucket.Take(Start, 1, TwoPerSecondBurstFive);
        Assert.Equal(0, refused.Granted);
        Assert.Equal(TimeSpan.FromSeconds(0.5), refused.RetryAfter);
    }

    [Fact]
    public void Tokens_come_back_at_the_rate_and_never_above_the_capacity()
    {
        var bucket = new TokenBucket();
        bucket.Take(Start, 5, TwoPerSecondBurstFive);

        Assert.Equal(3, bucket.Take(Start.AddSeconds(1.5), 10, TwoPerSecondBurstFive).Granted);
        Assert.Equal(5, bucket.Take(Start.AddHours(1), 10, TwoPerSecondBurstFive).Granted);
    }

    [Fact]
    public void Over_ten_seconds_the_bucket_grants_its_burst_plus_the_rate_whoever_asks()
    {
        var bucket = new TokenBucket();
        var granted = 0;
        for (var millisecond = 0; millisecond <= 10_000; millisecond += 7)
        {
            granted += bucket.Take(Start.AddMilliseconds(millisecond), millisecond % 2 == 0 ? 1 : 3, TwoPerSecondBurstFive).Granted;
        }

        // The burst and ten seconds at two a second; the fractions the clock's steps leave may round the last one away.
        Assert.InRange(granted, 5 + 19, 5 + 20);
    }

    [Fact]
    public void A_clock_going_backwards_grants_nothing_extra()
    {
        var bucket = new TokenBucket();
        bucket.Take(Start.AddSeconds(10), 5, TwoPerSecondBurstFive);

        Assert.Equal(0, bucket.Take(Start, 1, TwoPerSecondBurstFive).Granted);
        Assert.Equal(0, bucket.Take(Start.AddSeconds(10.4), 1, TwoPerSecondBurstFive).Granted);
        Assert.Equal(1, bucket.Take(Start.AddSeconds(10.6), 1, TwoPerSecondBurstFive).Granted);
    }
}
