namespace AutoScale.FleetSimulator.Workload;

/// <summary>One request (a chapter) arriving: when, in simulated seconds, and how many seconds of audio it asks for.</summary>
public readonly record struct ArrivingRequest(double At, double AudioSeconds);
