using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AutoScale.Gateway.Operators;

/// <summary>Registers what the operator and try-it pages need: their files, and the sampler behind the fleet chart.</summary>
public static class OperatorsServiceCollectionExtensions
{
    public static IServiceCollection AddOperatorPages(this IServiceCollection services)
    {
        services.AddOptions<OperatorOptions>().BindConfiguration(OperatorOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OperatorAssets>();
        services.TryAddSingleton<FleetHistory>();
        services.AddHostedService<FleetHistorySampler>();
        return services;
    }
}
