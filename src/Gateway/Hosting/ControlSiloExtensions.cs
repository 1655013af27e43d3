using AutoScale.Cluster.Hosting;
using AutoScale.Grains.Jobs;

namespace AutoScale.Gateway.Hosting;

/// <summary>The gateway co-hosts the cluster's control silo: jobs (later queues and the scaler) live here.</summary>
public static class ControlSiloExtensions
{
    public static WebApplicationBuilder AddControlSilo(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.UseOrleans(silo => silo
            .AddAutoScaleCluster(configuration, new Dictionary<string, string> { [SiloMetadataKeys.Role] = SiloRole.Control })
            .AddJobs(configuration)
            .AddWorkQueues());
        return builder;
    }
}
