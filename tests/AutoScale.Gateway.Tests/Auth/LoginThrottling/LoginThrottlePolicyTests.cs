using AutoScale.Gateway.Auth.LoginThrottling;

namespace AutoScale.Gateway.Tests.Auth.LoginThrottling;

/// <summary>The pure policy on a clock the test names: free failures, doubling, the one-minute cap, forgetting.</summary>
public sealed class LoginThrottlePolicyTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly LoginThrottlePolicy _policy = new LoginThrottleOptions().CreatePolicy();

    [Fact]
    public void The_first_three_wrong_keys_cost_no_wait()
    {
        var failures = Fail(3, Start);

        Assert.Equal(3, failures.Count);
        Assert.Equal(TimeSpan.Zero, _policy.WaitAt(failures, Start));
    }

    [Fact]
    public void Each_wrong_key_after_the_free_ones_waits_twice_as_long_up_to_a_minute()
    {
        var delays = Enumerable.Range(1, 12).Select(count => _policy.DelayAfter(count).TotalSeconds).ToArray();

        Assert.Equal(new double[] { 0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60, 60 }, delays);
        Assert.Equal(TimeSpan.FromSeconds(60), _policy.DelayAfter(int.MaxValue));
    }

    [Fact]
    public void The_wait_runs_from_the_last_wrong_key_and_ends_exactly_then()
    {
        var failures = Fail(5, Start);

        Assert.Equal(TimeSpan.FromSeconds(2), _policy.WaitAt(failures, Start));
        Assert.Equal(TimeSpan.FromSeconds(0.5), _policy.WaitAt(failures, Start.AddSeconds(1.5)));
        Assert.Equal(TimeSpan.Zero, _policy.WaitAt(failures, Start.AddSeconds(2)));
    }

    [Fact]
    public void No_run_of_wrong_keys_makes_anyone_wait_more_than_a_minute()
    {
        var failures = Fail(1000, Start);

        Assert.Equal(TimeSpan.FromMinutes(1), _policy.WaitAt(failures, Start));
        Assert.Equal(TimeSpan.Zero, _policy.WaitAt(failures, Start.AddMinutes(1)));
    }

    [Fact]
    public void An_address_quiet_for_the_forget_time_starts_afresh()
    {
        var failures = Fail(8, Start);
        var later = Start + _policy.ForgetAfter;

        Assert.False(_policy.IsForgotten(failures, later.AddSeconds(-1)));
        Assert.True(_policy.IsForgotten(failures, later));
        Assert.Equal(1, _policy.Failed(failures, later).Count);
        Assert.Equal(9, _policy.Failed(failures, later.AddSeconds(-1)).Count);
    }

    [Fact]
    public void An_address_never_seen_may_try_at_once()
    {
        Assert.Equal(TimeSpan.Zero, _policy.WaitAt(null, Start));
    }

    [Theory]
    [InlineData(0.001, 1)]
    [InlineData(1, 1)]
    [InlineData(1.2, 2)]
    [InlineData(59.9, 60)]
    public void Retry_after_rounds_the_wait_up_to_whole_seconds(double seconds, int expected)
    {
        Assert.Equal(expected, LoginThrottlePolicy.RetryAfterSeconds(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void Zero_free_failures_delays_from_the_first_wrong_key()
    {
        var strict = new LoginThrottleOptions { FreeFailures = 0, MaxDelaySeconds = 5 }.CreatePolicy();

        Assert.Equal(new double[] { 1, 2, 4, 5, 5 }, Enumerable.Range(1, 5).Select(count => strict.DelayAfter(count).TotalSeconds));
    }

    private LoginFailures Fail(int times, DateTimeOffset at)
    {
        LoginFailures? failures = null;
        for (var i = 0; i < times; i++)
        {
            failures = _policy.Failed(failures, at);
        }

        return failures!.Value;
    }
}
