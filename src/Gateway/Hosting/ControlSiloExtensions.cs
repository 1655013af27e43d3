using AutoScale.Fleet.Hosting;
using AutoScale.Grains.Jobs;
using AutoScale.Grains.Retention;
using AutoScale.Grains.Scaling;
using AutoScale.Hosting;
using AutoScale.Hosting.Calls;
using Orleans.Dashboard;

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
            .AddOutgoingGrainCallFilter<UnreachableSiloRetryFilter>()
            // The control silo collects the dashboard's grain and silo statistics; the gateway serves it at /dashboard.
            .AddDashboard());
        // Always on, so the dashboard never broadcasts "start profiling" to every silo: workers do not load its silo
        // service, and the broadcast stops at the first one it meets (before the control silo, in membership order).
        builder.Services.Configure<GrainProfilerOptions>(profiler => profiler.TraceAlways = true);
        // After the silo, so local workers are stopped (and hand back their work) before the silo goes.
        builder.Services.AddFleet(configuration);
        return builder;
    }
}
