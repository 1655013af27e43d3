using System.Globalization;
using System.Threading.RateLimiting;
using AutoScale.Gateway.Auth;
using AutoScale.Gateway.Problems;
using AutoScale.Gateway.Speech;
using AutoScale.Interfaces.RateLimiting;
using Microsoft.Extensions.Options;

namespace AutoScale.Gateway.RateLimiting;

/// <summary>
/// Registers the per-tenant rate limiter, one bucket per tenant across all gateways (<see cref="ITokenBucketGrain"/>);
/// callers over their rate get 429 with <c>Retry-After</c>.
/// </summary>
public static class TenantRateLimitingExtensions
{
    public static IServiceCollection AddTenantRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<TenantRateLimitOptions>()
            .BindConfiguration(TenantRateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var tenant = context.User.FindFirst(AuthPolicies.TenantIdClaim)?.Value;
                if (tenant is null)
                {
                    return RateLimitPartition.GetNoLimiter("");
                }

                var services = context.RequestServices;
                return RateLimitPartition.Get(tenant, key =>
                {
                    var options = services.GetRequiredService<IOptions<TenantRateLimitOptions>>().Value;
                    return new ClusterTokenBucketLimiter(
                        TokenBuckets.TenantRate(services.GetRequiredService<IGrainFactory>(), key),
                        new TokenBucketLimits(options.PermitsPerSecond, options.Burst),
                        options.LeaseSize,
                        services.GetRequiredService<TimeProvider>(),
                        services.GetRequiredService<ILogger<ClusterTokenBucketLimiter>>());
                });
            });
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                    ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
                    : 1;
                rejected.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                IResult answer = OpenAiCompatibleEndpoint.Marks(rejected.HttpContext)
                    ? OpenAiErrors.RateLimited(retryAfter)
                    : Problem.Create(StatusCodes.Status429TooManyRequests, ProblemTypes.RateLimited, "Too many requests.",
                        $"This tenant is over its request rate. Retry after {retryAfter} s.");
                await answer.ExecuteAsync(rejected.HttpContext);
            };
        });
        return services;
    }
}
