using AutoScale.Cluster.Hosting;
using AutoScale.Cluster.Hosting.Calls;
using AutoScale.Fleet.Hosting;
using AutoScale.Grains.Jobs;
using AutoScale.Grains.Retention;
using AutoScale.Grains.Scaling;

namespace AutoScale.Gateway.Hosting;

/// <summary>The gateway co-hosts the cluster's control silo: jobs, the pools' queues and the scaler live here.</summary>
public static class ControlSiloExtensions
{
    public static WebApplicationBuilder AddControlSilo(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.UseOrleans(silo => silo
            .AddAutoScaleCluster(configuration, new Dictionary<string, string> { [SiloMetadataKeys.Role] = SiloRole.Control })
            .AddJobs(configuration)
            .AddWorkQueues()
            .AddScaler(configuration)
            .AddRetention(configuration)
            .AddOutgoingGrainCallFilter<UnreachableSiloRetryFilter>());
        // After the silo, so local workers are stopped (and hand back their work) before the silo goes.
        builder.Services.AddFleet(configuration);
        return builder;
    }
}
