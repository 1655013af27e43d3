namespace AutoScale.Grains.Work.Scheduling;

/// <summary>The result of <see cref="FairWorkQueue.Fail"/>.</summary>
public sealed record FailureOutcome(FailureKind Kind, int Attempts, DateTimeOffset? NotBefore);
