using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace AutoScale.Gateway.Auth.LoginThrottling;

/// <summary>
/// This gateway's memory of wrong admin keys per client address, ruled by <see cref="LoginThrottlePolicy"/>. Bounded:
/// forgotten addresses leave when it fills, then the longest-quiet ones. IPv6 clients count per /64, the block one
/// host is usually given, so an attacker cannot start afresh with each of its own addresses.
/// </summary>
public sealed partial class LoginThrottle(IOptions<LoginThrottleOptions> options, TimeProvider time, ILogger<LoginThrottle> logger)
{
    private readonly LoginThrottlePolicy _policy = options.Value.CreatePolicy();
    private readonly int _capacity = options.Value.MaxAddresses;
    private readonly Dictionary<string, LoginFailures> _failures = [];
    private readonly Lock _gate = new();

    /// <summary>Addresses remembered now (for tests and the curious).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _failures.Count;
            }
        }
    }

    /// <summary>How long <paramref name="address"/> must wait before its next try; zero when it may try now.</summary>
    public TimeSpan WaitFor(IPAddress? address)
    {
        var key = KeyOf(address);
        lock (_gate)
        {
            return _policy.WaitAt(_failures.TryGetValue(key, out var failures) ? failures : null, time.GetUtcNow());
        }
    }

    /// <summary>
    /// Begins a try from <paramref name="address"/>: refused with the wait left while it must wait; otherwise counted
    /// as a wrong key at once (until <see cref="Succeeded"/> clears it), so that tries sent together cannot all pass
    /// the check before any is counted.
    /// </summary>
    public LoginAttempt TryAttempt(IPAddress? address)
    {
        var key = KeyOf(address);
        var now = time.GetUtcNow();
        LoginFailures failures;
        lock (_gate)
        {
            var known = _failures.TryGetValue(key, out var found) ? found : (LoginFailures?)null;
            var wait = _policy.WaitAt(known, now);
            if (wait > TimeSpan.Zero)
            {
                return new LoginAttempt(Allowed: false, wait);
            }

            failures = _policy.Failed(known, now);
            if (known is null && _failures.Count >= _capacity)
            {
                MakeRoom(now);
            }

            _failures[key] = failures;
        }

        if (failures.Count == _policy.FreeFailures + 1)
        {
            LogThrottled(key, failures.Count);
        }

        return new LoginAttempt(Allowed: true, _policy.DelayAfter(failures.Count));
    }

    /// <summary>The key was the admin's: <paramref name="address"/> starts afresh.</summary>
    public void Succeeded(IPAddress? address)
    {
        var key = KeyOf(address);
        lock (_gate)
        {
            _failures.Remove(key);
        }
    }

    private void MakeRoom(DateTimeOffset now)
    {
        foreach (var (key, failures) in _failures)
        {
            if (_policy.IsForgotten(failures, now))
            {
                _failures.Remove(key);
            }
        }

        if (_failures.Count < _capacity)
        {
            return;
        }

        // Still full of recent addresses (a spray from many): drop the quietest quarter in one pass, not one per call.
        foreach (var key in _failures.OrderBy(entry => entry.Value.Last).Take(Math.Max(1, _capacity / 4)).Select(entry => entry.Key).ToList())
        {
            _failures.Remove(key);
        }
    }

    /// <summary>The address an attempt counts against: IPv4 as it is (mapped ones unmapped), IPv6 by its /64.</summary>
    public static string KeyOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6 || IPAddress.IPv6Loopback.Equals(address))
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }
}
