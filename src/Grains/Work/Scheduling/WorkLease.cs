namespace AutoScale.Grains.Work.Scheduling;

/// <summary>A chunk held by a worker until <see cref="ExpiresAt"/>.</summary>
public sealed record WorkLease(Guid LeaseId, WorkItem Item, string WorkerId, DateTimeOffset ExpiresAt);
