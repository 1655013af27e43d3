using AutoScale.Fleet.Local;
using AutoScale.Fleet.Providers;
using AutoScale.Fleet.RunPod;
using AutoScale.Fleet.Scaling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutoScale.Fleet.Hosting;

public static class FleetServiceCollectionExtensions
{
    /// <summary>
    /// The fleet: its options (<c>Fleet</c>, checked at start), the naming that marks its workers, the scaling policy,
    /// and the provider <c>Fleet:Provider</c> names. With <c>none</c> no provider is registered and the scaler only
    /// observes. Call it after the silo is added, so the local provider's shutdown runs while the silo still serves the
    /// workers handing back their work.
    /// </summary>
    public static IServiceCollection AddFleet(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FleetOptions>()
            .BindConfiguration(FleetOptions.SectionName)
            .PostConfigure(options =>
            {
                if (options.Pools.Count == 0)
                {
                    options.Pools["espeak"] = new FleetPoolOptions();
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var fleet = configuration.GetSection(FleetOptions.SectionName).Get<FleetOptions>() ?? new FleetOptions();
        var identity = new FleetIdentity(fleet.EffectiveNamePrefix(configuration["Orleans:ClusterId"] ?? "autoscale"));
        services.AddSingleton(identity);
        services.AddSingleton(provider => new ScalingPolicy(new ScalingPolicyOptions
        {
            TargetWaitSeconds = provider.GetRequiredService<IOptions<FleetOptions>>().Value.TargetWaitSeconds,
        }));

        switch (fleet.Provider)
        {
            case FleetProviders.Local:
                services.AddOptions<LocalFleetOptions>().BindConfiguration(LocalFleetOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
                services.AddSingleton<LocalProcessFleetProvider>();
                services.AddSingleton<IFleetProvider>(provider => provider.GetRequiredService<LocalProcessFleetProvider>());
                services.AddSingleton(new LocalFleetGateways(LocalFleetGateways.DirectoryFor(identity.NamePrefix)));
                services.AddHostedService<LocalFleetShutdown>();
                break;
            case FleetProviders.RunPod:
                services.AddRunPodFleet(configuration);
                services.PostConfigure<RunPodOptions>(options => options.NamePrefix = identity.NamePrefix);
                break;
            default:
                break;
        }

        return services;
    }
}
