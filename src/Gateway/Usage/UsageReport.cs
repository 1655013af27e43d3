namespace AutoScale.Gateway.Usage;

/// <summary>What a tenant used in one bucket with one model. Characters and jobs count at acceptance; the rest as they ran.</summary>
public sealed record UsageBucket(
    DateTimeOffset Start, string Model, long Characters, long Jobs, double AudioSeconds, double EngineSeconds, decimal CostUsd);

public sealed record UsageTotals(long Characters, long Jobs, double AudioSeconds, double EngineSeconds, decimal CostUsd)
{
    public static UsageTotals Of(IReadOnlyList<UsageBucket> buckets) => new(
        buckets.Sum(b => b.Characters), buckets.Sum(b => b.Jobs), buckets.Sum(b => b.AudioSeconds),
        buckets.Sum(b => b.EngineSeconds), buckets.Sum(b => b.CostUsd));
}

/// <summary>The answer of <c>GET /v1/usage</c>: the buckets that saw use, their totals, and the quotas as they stand now.</summary>
public sealed record UsageReport(
    Guid TenantId, DateTimeOffset From, DateTimeOffset To, string Granularity,
    IReadOnlyList<UsageBucket> Buckets, UsageTotals Totals, Quotas.QuotasResponse Quotas);

/// <summary>One line of the operators' "tenants today": use since UTC midnight and the tenant's quotas.</summary>
public sealed record TenantDayUsage(
    Guid TenantId, string Name, long Characters, long Jobs, double AudioSeconds, decimal CostUsd,
    long? CharactersPerDay, long? CharactersPerMonth, int? ConcurrentJobs, int? MaxJobCharacters);

public sealed record TenantsTodayResponse(DateTimeOffset Since, IReadOnlyList<TenantDayUsage> Items);
