namespace AutoScale.Fleet.Providers;

/// <summary>No capacity anywhere the provider may look (every GPU type and data center refused, or the local machine is full).
/// Normal on RunPod; the scaler tries again later.</summary>
public sealed class FleetCapacityException(string message) : Exception(message);
