using System.Net;
using AutoScale.Gateway.Auth.LoginThrottling;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AutoScale.Gateway.Tests.Auth.LoginThrottling;

/// <summary>The gateway's store of wrong keys per address, on a fake clock: per address, cleared by a sign-in, bounded.</summary>
public sealed class LoginThrottleTests
{
    private static readonly IPAddress Attacker = IPAddress.Parse("203.0.113.7");
    private static readonly IPAddress Admin = IPAddress.Parse("198.51.100.20");

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void One_address_slowed_down_leaves_another_free()
    {
        var throttle = Throttle();

        for (var i = 0; i < 10; i++)
        {
            Fail(throttle, Attacker);
        }

        Assert.Equal(TimeSpan.FromSeconds(60), throttle.WaitFor(Attacker));
        Assert.Equal(TimeSpan.Zero, throttle.WaitFor(Admin));
    }

    [Fact]
    public void A_sign_in_clears_its_address()
    {
        var throttle = Throttle();
        for (var i = 0; i < 5; i++)
        {
            Fail(throttle, Admin);
        }

        _clock.Advance(throttle.WaitFor(Admin));
        throttle.Succeeded(Admin);

        Assert.Equal(0, throttle.Count);
        Assert.Equal(new LoginAttempt(true, TimeSpan.Zero), throttle.TryAttempt(Admin));
    }

    [Fact]
    public void The_wait_ends_on_the_clock_not_on_a_further_try()
    {
        var throttle = Throttle();
        for (var i = 0; i < 6; i++)
        {
            Fail(throttle, Attacker);
        }

        _clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(TimeSpan.FromSeconds(1), throttle.WaitFor(Attacker));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.Zero, throttle.WaitFor(Attacker));
    }

    [Fact]
    public void Tries_sent_together_count_before_any_key_is_compared_and_refused_ones_do_not_lengthen_the_wait()
    {
        var throttle = Throttle();

        var attempts = Enumerable.Range(0, 30).Select(_ => throttle.TryAttempt(Attacker)).ToList();

        Assert.Equal(4, attempts.Count(a => a.Allowed));
        Assert.Equal(TimeSpan.FromSeconds(1), attempts[3].Wait);
        Assert.All(attempts.Skip(4), a => Assert.Equal(new LoginAttempt(false, TimeSpan.FromSeconds(1)), a));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(new LoginAttempt(true, TimeSpan.FromSeconds(2)), throttle.TryAttempt(Attacker));
    }

    [Fact]
    public void Addresses_quiet_for_fifteen_minutes_are_forgotten_when_memory_fills()
    {
        var throttle = Throttle(maxAddresses: 100);
        for (var i = 0; i < 100; i++)
        {
            Fail(throttle, IPAddress.Parse($"10.0.{i / 256}.{i % 256}"));
        }

        _clock.Advance(TimeSpan.FromMinutes(15));
        Fail(throttle, Attacker);

        Assert.Equal(1, throttle.Count);
    }

    [Fact]
    public void A_spray_of_fresh_addresses_never_grows_memory_past_its_cap()
    {
        var throttle = Throttle(maxAddresses: 100);
        for (var i = 0; i < 5000; i++)
        {
            Fail(throttle, IPAddress.Parse($"10.{i / 65536}.{i / 256 % 256}.{i % 256}"));
            _clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.InRange(throttle.Count, 1, 100);
    }

    [Fact]
    public void The_addresses_of_one_ipv6_slash_64_count_as_one()
    {
        var throttle = Throttle();
        for (var i = 1; i <= 5; i++)
        {
            Fail(throttle, IPAddress.Parse($"2001:db8:1:2::{i:x}"));
        }

        Assert.Equal(TimeSpan.FromSeconds(2), throttle.WaitFor(IPAddress.Parse("2001:db8:1:2:ffff::1")));
        Assert.Equal(TimeSpan.Zero, throttle.WaitFor(IPAddress.Parse("2001:db8:1:3::1")));
    }

    [Fact]
    public void An_ipv4_address_mapped_to_ipv6_counts_as_itself()
    {
        Assert.Equal("203.0.113.7", LoginThrottle.KeyOf(Attacker.MapToIPv6()));
    }

    /// <summary>A wrong key once the address may try again.</summary>
    private void Fail(LoginThrottle throttle, IPAddress address)
    {
        _clock.Advance(throttle.WaitFor(address));
        Assert.True(throttle.TryAttempt(address).Allowed);
    }

    private LoginThrottle Throttle(int maxAddresses = 10_000) =>
        new(Options.Create(new LoginThrottleOptions { MaxAddresses = maxAddresses }), _clock, NullLogger<LoginThrottle>.Instance);
}
