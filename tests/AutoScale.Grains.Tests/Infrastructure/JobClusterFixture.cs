using AutoScale.Grains.Jobs;
using AutoScale.Hosting.GrainDirectories;
using AutoScale.Hosting.Storage;
using AutoScale.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Orleans.TestingHost;

namespace AutoScale.Grains.Tests.Infrastructure;

/// <summary>
/// An <see cref="InProcessTestCluster"/> whose silos keep membership, reminders, grain state and jobs in a fresh
/// PostgreSQL database, with a controllable clock. Grains are called from inside a silo, as the co-hosted gateway calls them.
/// </summary>
public class JobClusterFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public NpgsqlDataSource Database { get; private set; } = null!;

    public Guid TenantId { get; } = Guid.CreateVersion7();

    /// <summary>Whether the silos run on <see cref="Clock"/>; Orleans' timers and reminders then wait for it too.</summary>
    protected virtual bool UsesFakeClock => true;

    public IGrainFactory Grains => Cluster.Silos[0].ServiceProvider.GetRequiredService<IGrainFactory>();

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateMigratedDatabaseAsync("jobgrains");
        Database = NpgsqlDataSource.Create(ConnectionString);
        await using (var tenant = Database.CreateCommand("INSERT INTO tenants (id, name) VALUES ($1, 'grain tests')"))
        {
            tenant.Parameters.AddWithValue(TenantId);
            await tenant.ExecuteNonQueryAsync();
        }

        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.InitializeClientOnDeploy = false;
        UsePostgresMembership(builder.Options);
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Postgres"] = ConnectionString,
                ["Queue:MaxAttempts"] = "2",
                ["Queue:RetryBaseSeconds"] = "0.2",
                ["Queue:LeaseSeconds"] = "30",
                ["Queue:RescanSeconds"] = "1",
            });
            if (UsesFakeClock)
            {
                host.Services.AddSingleton<TimeProvider>(Clock);
            }
        });
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseAdoNetClustering(options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = ConnectionString;
            });
            silo.UseAdoNetReminderService(options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = ConnectionString;
            });
            silo.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.AddPostgresGrainStorageAsDefault();
            silo.AddControlGrainDirectories(silo.Configuration);
            silo.AddJobs(silo.Configuration).AddWorkQueues();
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    // InProcessTestCluster 10.4 always installs its in-memory membership table and directory unless this internal
    // switch is off; we want the silos on the PostgreSQL membership table like production silos.
    private static void UsePostgresMembership(InProcessTestClusterOptions options)
    {
        var useTestMembership = typeof(InProcessTestClusterOptions).GetProperty(
                "UseTestClusterMembership", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("InProcessTestClusterOptions.UseTestClusterMembership is gone; revisit the fixture.");
        useTestMembership.SetValue(options, false);
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Database.DisposeAsync();
    }
}
