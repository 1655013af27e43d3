using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AutoScale.Grains.Catalogue;

/// <summary>Registers the model catalogue, and what keeps the voices workers report in it.</summary>
public static class CatalogueServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="CatalogueOptions"/> at start-up and adds <see cref="ModelCatalogue"/>, the store of
    /// reported voices and its <see cref="PoolVoicesRefresher"/>. Idempotent.
    /// </summary>
    public static IServiceCollection AddModelCatalogue(this IServiceCollection services)
    {
        services.AddOptions<CatalogueOptions>()
            .BindConfiguration(CatalogueOptions.SectionName)
            .PostConfigure(options =>
            {
                if (options.Models.Count == 0)
                {
                    options.Models = CatalogueOptions.Default();
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CatalogueOptions>, CatalogueOptionsValidator>());
        services.TryAddSingleton<ModelCatalogue>();
        services.TryAddSingleton<PoolVoiceStore>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PoolVoicesRefresher>());
        return services;
    }
}
