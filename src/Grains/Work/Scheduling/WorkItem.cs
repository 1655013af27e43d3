using AutoScale.Interfaces.Jobs;

namespace AutoScale.Grains.Work.Scheduling;

/// <summary>A queued chunk: whose it is, how urgent, how big, how often it was tried and when it may run again.</summary>
public sealed record WorkItem(
    WorkItemKey Key, Guid TenantId, JobPriority Priority, int Characters, int Attempt, DateTimeOffset? NotBefore, DateTimeOffset EnqueuedAt);
