namespace AutoScale.Interfaces.Quotas;

/// <summary>What a tenant was given; null means no limit. Characters are counted as the jobs API counts them.</summary>
[GenerateSerializer, Immutable, Alias("tenant-quotas")]
public sealed record TenantQuotas(
    [property: Id(0)] long? CharactersPerDay,
    [property: Id(1)] long? CharactersPerMonth,
    [property: Id(2)] int? ConcurrentJobs,
    [property: Id(3)] int? MaxJobCharacters)
{
    public static readonly TenantQuotas None = new(null, null, null, null);

    public bool IsNone => this == None;
}
