namespace AutoScale.Gateway.Auth.LoginThrottling;

/// <summary>
/// A try at <c>/login</c> as the throttle sees it: refused with the <paramref name="Wait"/> left, or allowed, and then
/// <paramref name="Wait"/> is what the address must wait should its key be wrong.
/// </summary>
public readonly record struct LoginAttempt(bool Allowed, TimeSpan Wait);
