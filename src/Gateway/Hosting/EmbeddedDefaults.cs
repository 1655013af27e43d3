using AutoScale.Artifacts;
using AutoScale.Data;
using AutoScale.Gateway.Auth;

namespace AutoScale.Gateway.Hosting;

/// <summary>
/// With no <c>ConnectionStrings:Postgres</c>, the gateway runs on its embedded default: a private PostgreSQL cluster
/// in its data folder (made on first start, reused after), an admin key made once and kept there, and a
/// <c>default</c> tenant whose key is printed at start, with the URL. Several gateways may share one data folder
/// (<c>GATEWAYS=2 ./run.sh</c>): they reuse the server the first one started.
/// </summary>
public static class EmbeddedDefaults
{
    private const string DatabaseName = "autoscale";

    public static WebApplicationBuilder AddEmbeddedDefaults(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (configuration.GetConnectionString(DatabaseServiceCollectionExtensions.ConnectionStringName) is { Length: > 0 })
        {
            return builder;
        }

        var options = configuration.GetSection(EmbeddedOptions.SectionName).Get<EmbeddedOptions>() ?? new EmbeddedOptions();
        var dataPath = Path.GetFullPath(options.DataPath ?? Path.Combine(builder.Environment.ContentRootPath, ".data"));
        var postgres = LocalPostgresCluster.StartOrReuse(Path.Combine(dataPath, "postgres"));
        var settings = new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{DatabaseServiceCollectionExtensions.ConnectionStringName}"] = postgres.CreateDatabase(DatabaseName),
        };
        if (string.IsNullOrEmpty(configuration[$"{ArtifactOptions.SectionName}:{nameof(ArtifactOptions.Path)}"]))
        {
            settings[$"{ArtifactOptions.SectionName}:{nameof(ArtifactOptions.Path)}"] = Path.Combine(dataPath, "artifacts");
        }

        if (string.IsNullOrEmpty(configuration[$"{AuthOptions.SectionName}:{nameof(AuthOptions.AdminKey)}"]))
        {
            settings[$"{AuthOptions.SectionName}:{nameof(AuthOptions.AdminKey)}"] =
                SecretFile.ReadOrCreate(Path.Combine(dataPath, "admin-key"), ApiKeys.Create);
        }

        configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(new EmbeddedSystem(postgres, dataPath, options));
        builder.Services.AddHostedService<EmbeddedSystemAnnouncer>();
        return builder;
    }
}
