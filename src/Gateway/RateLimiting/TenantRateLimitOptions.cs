using System.ComponentModel.DataAnnotations;

namespace AutoScale.Gateway.RateLimiting;

/// <summary>Per-tenant request rate (a token bucket per tenant). Bound from the <c>RateLimiting</c> section.</summary>
public sealed class TenantRateLimitOptions
{
    public const string SectionName = "RateLimiting";

    /// <summary>Requests a tenant may make per second, sustained. Default 200.</summary>
    [Range(1, 1_000_000)]
    public int PermitsPerSecond { get; set; } = 200;

    /// <summary>Requests a tenant may make at once above the sustained rate. Default 400.</summary>
    [Range(1, 1_000_000)]
    public int Burst { get; set; } = 400;
}
