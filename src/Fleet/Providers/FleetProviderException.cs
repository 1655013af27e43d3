namespace AutoScale.Fleet.Providers;

/// <summary>
/// The provider refused for a reason retrying will not fix soon (no balance, no access, a malformed request).
/// Messages never contain credentials.
/// </summary>
public sealed class FleetProviderException(string message, Exception? inner = null) : Exception(message, inner);
