namespace AutoScale.Grains.Quotas;

/// <summary>A job counted against the quotas and not ended yet: its characters and when it was counted.</summary>
public sealed record OpenJob(Guid JobId, int Characters, DateTimeOffset CountedAt);
