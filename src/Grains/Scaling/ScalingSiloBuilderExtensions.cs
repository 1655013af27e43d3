using AutoScale.Data;
using AutoScale.Grains.Hosting;
using AutoScale.Interfaces.Fleet;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AutoScale.Grains.Scaling;

public static class ScalingSiloBuilderExtensions
{
    /// <summary>The scaler grain's stores, its membership reader and its starter (the fleet itself comes from <c>AddFleet</c>).</summary>
    public static ISiloBuilder AddScaler(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddAutoScaleDatabase(configuration);
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton<FleetStore>();
        silo.Services.TryAddSingleton<ScalingEventStore>();
        silo.Services.TryAddSingleton<WorkerEnvironment>();
        silo.Services.TryAddSingleton<MembershipReader>();
        silo.Services.AddControlGrainStarter("the scaler", grains => Scaler.Of(grains).EnsureRunningAsync());
        return silo;
    }
}
