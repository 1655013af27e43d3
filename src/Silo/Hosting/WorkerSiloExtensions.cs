using AutoScale.Artifacts;
using AutoScale.Data;
using AutoScale.Hosting;
using AutoScale.Silo.Engines;
using AutoScale.Silo.Synthesis;
using AutoScale.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AutoScale.Silo.Hosting;

/// <summary>A worker silo: joins the cluster by itself through the PostgreSQL membership table as role <c>worker</c>.</summary>
public static class WorkerSiloExtensions
{
    public static HostApplicationBuilder AddWorkerSilo(this HostApplicationBuilder builder)
    {
        var options = StartupOptions.Bind<WorkerOptions>(builder.Configuration, WorkerOptions.SectionName);

        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(options.ShutdownSeconds));
        builder.Services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.SectionName);
        builder.Services.AddSpeechEngine(options);
        builder.Services.AddArtifactStore();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddAutoScaleTelemetry("autoscale-worker");
        var metadata = new Dictionary<string, string>
        {
            [SiloMetadataKeys.Role] = SiloRole.Worker,
            [SiloMetadataKeys.Pool] = options.Pool,
            [SiloMetadataKeys.Engine] = options.Engine ?? options.Pool,
        };
        if (!string.IsNullOrEmpty(options.FleetId))
        {
            metadata[SiloMetadataKeys.FleetId] = options.FleetId;
        }

        var configuration = builder.Configuration;
        builder.UseOrleans(silo => silo.AddAutoScaleCluster(configuration, metadata));
        // Registered after the silo, so it stops before the silo does: work is finished or handed back first.
        builder.Services.AddHostedService<SynthesisAgent>();
        return builder;
    }
}
