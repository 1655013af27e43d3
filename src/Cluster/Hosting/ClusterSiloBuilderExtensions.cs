using System.Net;
using AutoScale.Cluster.Database;
using AutoScale.Cluster.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace AutoScale.Cluster.Hosting;

/// <summary>The Orleans wiring every silo of the product shares.</summary>
public static class ClusterSiloBuilderExtensions
{
    private const string AdoNetInvariant = "Npgsql";

    /// <summary>
    /// Joins the cluster through the PostgreSQL membership table, with PostgreSQL reminders and grain storage, and
    /// publishes <paramref name="metadata"/> (role, pool, engine) as silo metadata.
    /// </summary>
    public static ISiloBuilder AddAutoScaleCluster(
        this ISiloBuilder silo, IConfiguration configuration, IReadOnlyDictionary<string, string> metadata)
    {
        var connectionString = DatabaseServiceCollectionExtensions.RequireConnectionString(configuration);
        var options = StartupOptions.Bind<ClusterHostOptions>(configuration, ClusterHostOptions.SectionName);
        if (!IPAddress.TryParse(options.AdvertisedAddress, out _))
        {
            throw new InvalidOperationException($"Orleans:AdvertisedAddress '{options.AdvertisedAddress}' is not an IP address.");
        }

        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = options.ClusterId;
            cluster.ServiceId = options.ServiceId;
        });
        silo.Configure<EndpointOptions>(endpoints =>
        {
            var advertised = IPAddress.Parse(options.AdvertisedAddress);
            endpoints.AdvertisedIPAddress = advertised;
            endpoints.SiloPort = options.AdvertisedSiloPort > 0 ? options.AdvertisedSiloPort : options.SiloPort;
            endpoints.GatewayPort = options.GatewayPort;
            var listen = options.ListenOnAnyAddress ? IPAddress.Any : advertised;
            endpoints.SiloListeningEndpoint = new IPEndPoint(listen, options.SiloPort);
            if (options.GatewayPort > 0)
            {
                endpoints.GatewayListeningEndpoint = new IPEndPoint(listen, options.GatewayPort);
            }
        });
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
        // Failure-detection timings (probe timeout, missed probes…) can be tuned under Orleans:Membership.
        silo.Services.AddOptions<ClusterMembershipOptions>().BindConfiguration($"{ClusterHostOptions.SectionName}:Membership");
        silo.Services.AddAutoScaleDatabase(configuration);
        silo.AddPostgresGrainStorageAsDefault();
        return silo;
    }
}
