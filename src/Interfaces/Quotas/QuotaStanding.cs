namespace AutoScale.Interfaces.Quotas;

/// <summary>A tenant's quotas and what it has used of them now (the counters the acceptance decisions use).</summary>
[GenerateSerializer, Immutable, Alias("quota-standing")]
public sealed record QuotaStanding(
    [property: Id(0)] TenantQuotas Quotas,
    [property: Id(1)] long CharactersToday,
    [property: Id(2)] DateTimeOffset DayResetsAt,
    [property: Id(3)] long CharactersThisMonth,
    [property: Id(4)] DateTimeOffset MonthResetsAt,
    [property: Id(5)] int OpenJobs);
