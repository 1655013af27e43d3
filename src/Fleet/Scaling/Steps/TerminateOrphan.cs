using AutoScale.Fleet.Providers;

namespace AutoScale.Fleet.Scaling.Steps;

/// <summary>A worker ours by name but of no use (an unmanaged pool, an exited process, one already ended once) is terminated at its provider; it has no live record.</summary>
public sealed record TerminateOrphan(ProvisionedWorker Listed) : ScalingStep;
