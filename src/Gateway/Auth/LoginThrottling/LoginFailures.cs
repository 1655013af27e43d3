namespace AutoScale.Gateway.Auth.LoginThrottling;

/// <summary>What one client address has done at <c>/login</c>: wrong keys in a row and when the last one came.</summary>
public readonly record struct LoginFailures(int Count, DateTimeOffset Last);
