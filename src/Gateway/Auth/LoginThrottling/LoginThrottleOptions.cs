using System.ComponentModel.DataAnnotations;

namespace AutoScale.Gateway.Auth.LoginThrottling;

/// <summary>
/// How wrong admin keys at <c>POST /login</c> slow down, per client address. Bound from <c>Auth:Login</c>. The delay
/// never exceeds a minute, so an attacker sharing the admin's address can delay the admin but never lock them out.
/// </summary>
public sealed class LoginThrottleOptions
{
    public const string SectionName = "Auth:Login";

    /// <summary>Wrong keys an address may send before any delay. Default 3.</summary>
    [Range(0, 100, ErrorMessage = "Auth:Login:FreeFailures must be between 0 and 100.")]
    public int FreeFailures { get; set; } = 3;

    /// <summary>The longest wait after a wrong key; the delay doubles from 1 s up to it. Default 60, at most 60.</summary>
    [Range(1, 60, ErrorMessage = "Auth:Login:MaxDelaySeconds must be between 1 and 60.")]
    public int MaxDelaySeconds { get; set; } = 60;

    /// <summary>An address with no wrong key for this long starts afresh (and leaves memory). Default 15 minutes.</summary>
    [Range(1, 1440, ErrorMessage = "Auth:Login:ForgetAfterMinutes must be between 1 and 1440.")]
    public int ForgetAfterMinutes { get; set; } = 15;

    /// <summary>Addresses a gateway remembers at most; past it, the longest-quiet ones are dropped first. Default 10000.</summary>
    [Range(100, 1_000_000, ErrorMessage = "Auth:Login:MaxAddresses must be between 100 and 1000000.")]
    public int MaxAddresses { get; set; } = 10_000;

    public LoginThrottlePolicy CreatePolicy() => new(
        FreeFailures, TimeSpan.FromSeconds(MaxDelaySeconds), TimeSpan.FromMinutes(ForgetAfterMinutes));
}
