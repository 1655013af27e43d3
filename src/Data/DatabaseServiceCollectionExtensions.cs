using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace AutoScale.Data;

/// <summary>Registers the one PostgreSQL database of the product.</summary>
public static class DatabaseServiceCollectionExtensions
{
    /// <summary>The configuration name of the connection string (<c>ConnectionStrings:Postgres</c>).</summary>
    public const string ConnectionStringName = "Postgres";

    /// <summary>
    /// Adds a pooled <see cref="NpgsqlDataSource"/> for <c>ConnectionStrings:Postgres</c> (fitted to <c>Database:Pooler</c>)
    /// and the <see cref="GroupCommit"/> writer. Fails at once, naming the setting,
    /// when the connection string is missing or the pooler setting is invalid.
    /// </summary>
    public static IServiceCollection AddAutoScaleDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = PostgresConnectionString.Resolve(configuration);
        services.TryAddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        services.TryAddSingleton<GroupCommit>();
        return services;
    }

    /// <summary>The configured connection string, or an error that says how to give one.</summary>
    public static string RequireConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "ConnectionStrings:Postgres is not set (environment: ConnectionStrings__Postgres).");
}
