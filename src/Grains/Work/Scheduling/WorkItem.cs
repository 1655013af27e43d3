using AutoScale.Interfaces.Jobs;

namespace AutoScale.Grains.Work.Scheduling;

/// <summary>
/// A chunk that needs a worker: whose it is, how urgent, how big, how often it was tried and when it may run again.
/// The one shape of queued work, whether new (from <see cref="AutoScale.Interfaces.Work.QueuedJob"/>) or read back from
/// its <c>job_chunks</c> row after a restart or by the rescuer.
/// </summary>
public sealed record WorkItem(
    WorkItemKey Key, Guid TenantId, JobPriority Priority, int Characters, int Attempt, DateTimeOffset? NotBefore, DateTimeOffset EnqueuedAt);
