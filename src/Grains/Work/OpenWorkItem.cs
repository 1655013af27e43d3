using AutoScale.Interfaces.Jobs;

namespace AutoScale.Grains.Work;

/// <summary>A chunk row that still needs a worker, as the queue grain rebuilds from it.</summary>
public sealed record OpenWorkItem(
    Guid JobId, int Sequence, Guid TenantId, JobPriority Priority, int Characters, int Attempts,
    DateTimeOffset? NotBefore, DateTimeOffset EnqueuedAt);
