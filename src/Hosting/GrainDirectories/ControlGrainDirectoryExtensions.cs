using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;

namespace AutoScale.Hosting.GrainDirectories;

public static class ControlGrainDirectoryExtensions
{
    /// <summary>
    /// Registers the control grains' directories on this silo: <see cref="ControlGrainDirectory.Name"/> in PostgreSQL,
    /// and <see cref="ControlGrainDirectory.Jobs"/> in memory, or in PostgreSQL with <c>Cluster:JobDirectory=postgres</c>
    /// (needed once more than one gateway runs; it costs two round trips per new job).
    /// </summary>
    public static ISiloBuilder AddControlGrainDirectories(this ISiloBuilder silo, IConfiguration configuration)
    {
        var jobs = configuration["Cluster:JobDirectory"] ?? "memory";
        if (jobs is not ("memory" or "postgres"))
        {
            throw new InvalidOperationException($"Cluster:JobDirectory must be memory or postgres, not '{jobs}'.");
        }

        silo.AddGrainDirectory(ControlGrainDirectory.Name, (services, _) => Postgres(services));
        if (jobs == "postgres")
        {
            silo.AddGrainDirectory(ControlGrainDirectory.Jobs, (services, _) => Postgres(services));
        }
        else
        {
            silo.AddGrainDirectory(ControlGrainDirectory.Jobs, (_, _) => new InMemoryGrainDirectory());
        }

        return silo;
    }

    private static PostgresGrainDirectory Postgres(IServiceProvider services) => new(
        services.GetRequiredService<NpgsqlDataSource>(), services.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId);
}
