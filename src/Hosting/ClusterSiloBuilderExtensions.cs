using AutoScale.Data;
using AutoScale.Hosting.GrainDirectories;
using AutoScale.Hosting.Networking;
using AutoScale.Hosting.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace AutoScale.Hosting;

/// <summary>The Orleans wiring every silo of the product shares.</summary>
public static class ClusterSiloBuilderExtensions
{
    private const string AdoNetInvariant = "Npgsql";

    /// <summary>
    /// Joins the cluster through the PostgreSQL membership table, with PostgreSQL reminders and grain storage, and
    /// publishes <paramref name="metadata"/> (role, pool, engine) as silo metadata; propagates trace context through
    /// grain calls. (The Orleans dashboard is the gateway's: it serves HTTP.)
    /// </summary>
    public static ISiloBuilder AddAutoScaleCluster(
        this ISiloBuilder silo, IConfiguration configuration, IReadOnlyDictionary<string, string> metadata)
    {
        var connectionString = PostgresConnectionString.Resolve(configuration);
        var options = StartupOptions.Bind<ClusterHostOptions>(configuration, ClusterHostOptions.SectionName);
        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = options.ClusterId;
            cluster.ServiceId = options.ServiceId;
        });
        silo.UseResolvedEndpoints(configuration, options);
        silo.UseAdoNetClustering(clustering =>
        {
            clustering.Invariant = AdoNetInvariant;
            clustering.ConnectionString = connectionString;
        });
        silo.UseAdoNetReminderService(reminders =>
        {
            reminders.Invariant = AdoNetInvariant;
            reminders.ConnectionString = connectionString;
        });
        silo.UseSiloMetadata(metadata.ToDictionary());
        silo.AddControlGrainDirectories(configuration);
        // The product's failure-detection timings; any of them can be tuned under Orleans:Membership.
        silo.Services.AddOptions<ClusterMembershipOptions>()
            .Configure(MembershipTimings.Apply)
            .BindConfiguration($"{ClusterHostOptions.SectionName}:Membership");
        silo.Services.AddAutoScaleDatabase(configuration);
        silo.AddPostgresGrainStorageAsDefault();
        // Grain calls carry the caller's trace context, so one job's trace spans gateway, grains and workers.
        silo.AddActivityPropagation();
        return silo;
    }
}
