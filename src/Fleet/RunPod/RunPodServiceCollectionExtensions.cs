using AutoScale.Fleet.Providers;
using AutoScale.Fleet.RunPod.Api;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Refit;

namespace AutoScale.Fleet.RunPod;

/// <summary>Registers RunPod as the fleet's provider.</summary>
public static class RunPodServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="RunPodOptions"/> from the <c>RunPod</c> section of <paramref name="configuration"/>
    /// (at start-up), registers the v2 API client (bearer token, retries, timeouts) and <see cref="IFleetProvider"/>
    /// as the RunPod provider. Calling it again changes nothing.
    /// </summary>
    public static IServiceCollection AddRunPodFleet(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(service => service.ServiceType == typeof(RunPodFleetProvider)))
        {
            return services;
        }

        services.AddOptions<RunPodOptions>()
            .Bind(configuration.GetSection(RunPodOptions.SectionName))
            // The binder appends to a collection's initial items, so the default list is applied only when none is configured.
            .PostConfigure(options => options.GpuTypeIds = options.GpuTypeIds.Length == 0 ? [.. RunPodOptions.DefaultGpuTypeIds] : options.GpuTypeIds)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddTransient<RunPodAuthorizationHandler>();
        services.TryAddSingleton<RunPodHttpLogger>();
        var api = services.AddRefitGeneratedClient<IRunPodApi>(RunPodJson.RefitSettings())
            .ConfigureHttpClient((provider, client) =>
            {
                client.BaseAddress = new Uri(provider.GetRequiredService<IOptions<RunPodOptions>>().Value.BaseUrl);
                // The resilience pipeline owns every timeout.
                client.Timeout = Timeout.InfiniteTimeSpan;
            });
        api.AddResilienceHandler(
            RunPodResilience.PipelineName,
            (pipeline, context) => RunPodResilience.Configure(
                pipeline, context.ServiceProvider.GetRequiredService<IOptions<RunPodOptions>>().Value));
        api.AddHttpMessageHandler<RunPodAuthorizationHandler>();
        // HttpClientFactory's default logs pass raw header values (the API key) to structured sinks at Trace.
        api.RemoveAllLoggers().AddLogger<RunPodHttpLogger>();

        services.AddSingleton<RunPodFleetProvider>();
        services.AddSingleton<IFleetProvider>(provider => provider.GetRequiredService<RunPodFleetProvider>());
        return services;
    }
}
