using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Storage;

namespace AutoScale.Hosting.Storage;

/// <summary>Registers <see cref="PostgresGrainStorage"/>.</summary>
public static class PostgresGrainStorageExtensions
{
    /// <summary>Makes <see cref="PostgresGrainStorage"/> the default grain storage of the silo (idempotent).</summary>
    public static ISiloBuilder AddPostgresGrainStorageAsDefault(this ISiloBuilder silo)
    {
        silo.Services.TryAddKeyedSingleton<IGrainStorage>(
            ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME,
            (services, _) => new PostgresGrainStorage(
                services.GetRequiredService<NpgsqlDataSource>(),
                services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));
        return silo;
    }
}
