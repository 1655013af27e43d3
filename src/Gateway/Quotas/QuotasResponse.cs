using AutoScale.Interfaces.Quotas;

namespace AutoScale.Gateway.Quotas;

/// <summary>One quota: its limit (null: none), what is used of it now, and when that count starts again.</summary>
public sealed record QuotaLine(long? Limit, long? Used, DateTimeOffset? ResetsAt);

/// <summary>A tenant's quotas as they stand (<c>GET/PUT /admin/tenants/{id}/quotas</c>, and within <c>GET /v1/usage</c>).</summary>
public sealed record QuotasResponse(
    Guid TenantId, QuotaLine CharactersPerDay, QuotaLine CharactersPerMonth, QuotaLine ConcurrentJobs, QuotaLine MaxJobCharacters)
{
    public static QuotasResponse From(Guid tenantId, QuotaStanding standing)
    {
        var quotas = standing.Quotas;
        return new QuotasResponse(
            tenantId,
            new QuotaLine(quotas.CharactersPerDay, standing.CharactersToday, standing.DayResetsAt),
            new QuotaLine(quotas.CharactersPerMonth, standing.CharactersThisMonth, standing.MonthResetsAt),
            new QuotaLine(quotas.ConcurrentJobs, standing.OpenJobs, null),
            new QuotaLine(quotas.MaxJobCharacters, null, null));
    }
}
