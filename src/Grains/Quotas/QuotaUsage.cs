namespace AutoScale.Grains.Quotas;

/// <summary>What the stored jobs say a tenant has used: characters this day and month, and its open jobs.</summary>
public sealed record QuotaUsage(long CharactersToday, long CharactersThisMonth, IReadOnlyList<OpenJob> OpenJobs);
