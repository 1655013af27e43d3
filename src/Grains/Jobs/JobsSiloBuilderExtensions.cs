using AutoScale.Cluster.Database;
using AutoScale.Grains.Catalogue;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AutoScale.Grains.Jobs;

/// <summary>Registers what job grains need on the control silo.</summary>
public static class JobsSiloBuilderExtensions
{
    /// <summary>Adds the job store, the model catalogue and a clock (idempotent).</summary>
    public static ISiloBuilder AddJobs(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddAutoScaleDatabase(configuration);
        silo.Services.AddModelCatalogue();
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton<JobStore>();
        return silo;
    }
}
