using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AutoScale.Migrations;

/// <summary>Registers the schema's migrator (the gateway's alone: it applies the schema before its silo starts).</summary>
public static class MigrationServiceCollectionExtensions
{
    public static IServiceCollection AddSchemaMigrations(this IServiceCollection services)
    {
        services.TryAddSingleton<SchemaMigrator>();
        return services;
    }
}
