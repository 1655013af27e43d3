using System.ComponentModel.DataAnnotations;

namespace AutoScale.Gateway.RateLimiting;

/// <summary>
/// Per-tenant request rate: one token bucket per tenant for the whole cluster, whichever gateway answers. Bound from the
/// <c>RateLimiting</c> section.
/// </summary>
public sealed class TenantRateLimitOptions
{
    public const string SectionName = "RateLimiting";

    /// <summary>Requests a tenant may make per second, sustained. Default 200.</summary>
    [Range(1, 1_000_000)]
    public int PermitsPerSecond { get; set; } = 200;

    /// <summary>Requests a tenant may make at once above the sustained rate. Default 400.</summary>
    [Range(1, 1_000_000)]
    public int Burst { get; set; } = 400;

    /// <summary>
    /// How much of a tenant's rate a gateway takes from the shared bucket at once, in milliseconds of it (at 200 per
    /// second, 50 ms is 10 requests per call to the bucket). 0 asks the bucket on every request. Default 50.
    /// </summary>
    [Range(0, 1000)]
    public int LocalLeaseMilliseconds { get; set; } = 50;

    /// <summary>Tokens a gateway takes from the bucket at once: at least one, at most the burst.</summary>
    public int LeaseSize => Math.Clamp((int)Math.Ceiling(PermitsPerSecond * LocalLeaseMilliseconds / 1000.0), 1, Burst);
}
