using AutoScale.Data;
using AutoScale.Grains.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AutoScale.Grains.Retention;

public static class RetentionSiloBuilderExtensions
{
    /// <summary>
    /// Retention of finished jobs: its options (validated at start), its store (also used by the audio route to hold
    /// jobs while they download) and the starter of the sweeper grain. Needs an artifact store.
    /// </summary>
    public static ISiloBuilder AddRetention(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddAutoScaleDatabase(configuration);
        silo.Services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        silo.Services.TryAddSingleton<RetentionStore>();
        silo.Services.AddControlGrainStarter("the retention sweeper", grains => Retention.Of(grains).EnsureRunningAsync());
        return silo;
    }
}
