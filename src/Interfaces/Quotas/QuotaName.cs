namespace AutoScale.Interfaces.Quotas;

/// <summary>The quotas' names as the API spells them (the fields of <c>PUT /admin/tenants/{id}/quotas</c>).</summary>
public static class QuotaName
{
    public const string CharactersPerDay = "charactersPerDay";
    public const string CharactersPerMonth = "charactersPerMonth";
    public const string ConcurrentJobs = "concurrentJobs";
    public const string MaxJobCharacters = "maxJobCharacters";
}
