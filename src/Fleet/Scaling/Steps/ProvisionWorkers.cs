namespace AutoScale.Fleet.Scaling.Steps;

/// <summary>
/// Starts <paramref name="Count"/> workers of <paramref name="Image"/>, the pool counting <paramref name="Current"/>
/// before them; <paramref name="Announcement"/>, when given, is recorded first. Each worker is recorded (booting) before
/// the provider is asked. The first refusal ends provisioning for the plan: the worker asked for is gone, the refusal is
/// recorded (<see cref="Refused"/>), the pool is told (<see cref="PoolScaler.ProvisioningRefused"/>), and the rest of
/// this step and any later <see cref="ProvisionWorkers"/> of the plan, announcement included, are skipped.
/// </summary>
public sealed record ProvisionWorkers(
    string Pool, int Count, int Current, string Image, decimal CostPerHourUsd, PoolSnapshot Snapshot, RecordEvent? Announcement = null) : ScalingStep
{
    /// <summary>The event for a refusal after <paramref name="started"/> workers had started.</summary>
    public RecordEvent Refused(int started, string reason) => new(Pool, "provision-failed", Current, Current + started, reason, Snapshot);
}
