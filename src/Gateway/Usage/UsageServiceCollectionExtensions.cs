using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AutoScale.Gateway.Usage;

/// <summary>Registers what the usage and quota routes read: the usage store (the quotas themselves live in grains).</summary>
public static class UsageServiceCollectionExtensions
{
    public static IServiceCollection AddUsageAndQuotas(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<UsageStore>();
        return services;
    }
}
