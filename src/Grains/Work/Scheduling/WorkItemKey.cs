namespace AutoScale.Grains.Work.Scheduling;

/// <summary>A chunk of a job: the unit of work.</summary>
public readonly record struct WorkItemKey(Guid JobId, int Sequence);
