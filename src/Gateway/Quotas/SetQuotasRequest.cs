using System.Text.Json.Serialization;
using AutoScale.Interfaces.Quotas;

namespace AutoScale.Gateway.Quotas;

/// <summary>
/// The body of <c>PUT /admin/tenants/{id}/quotas</c>: every quota, null or absent for none. An unknown field is an
/// error rather than ignored, so a misspelt quota cannot silently lift a limit.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record SetQuotasRequest(long? CharactersPerDay, long? CharactersPerMonth, int? ConcurrentJobs, int? MaxJobCharacters)
{
    /// <summary>The quotas, or the first field that is out of range and why.</summary>
    public (TenantQuotas? Quotas, string? Field, string? Error) Validate()
    {
        if (CharactersPerDay < 0)
        {
            return (null, QuotaName.CharactersPerDay, "charactersPerDay must be 0 or more (null for no limit).");
        }

        if (CharactersPerMonth < 0)
        {
            return (null, QuotaName.CharactersPerMonth, "charactersPerMonth must be 0 or more (null for no limit).");
        }

        if (ConcurrentJobs < 0)
        {
            return (null, QuotaName.ConcurrentJobs, "concurrentJobs must be 0 or more (null for no limit).");
        }

        if (MaxJobCharacters < 0)
        {
            return (null, QuotaName.MaxJobCharacters, "maxJobCharacters must be 0 or more (null for no limit).");
        }

        return (new TenantQuotas(CharactersPerDay, CharactersPerMonth, ConcurrentJobs, MaxJobCharacters), null, null);
    }
}
