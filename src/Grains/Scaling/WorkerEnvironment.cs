using AutoScale.Data;
using AutoScale.Fleet.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace AutoScale.Grains.Scaling;

/// <summary>
/// The cluster's settings every new worker gets in its environment: where the database is (and through which pooler), which cluster to join,
/// where artifacts go, how failures are detected, plus <c>Fleet:WorkerEnvironment</c>. Read when first needed, after the embedded defaults
/// (which add the connection string) have run.
/// </summary>
public sealed class WorkerEnvironment(IConfiguration configuration, IOptions<FleetOptions> fleet)
{
    public IReadOnlyDictionary<string, string> For(string workerId, string pool, decimal costPerHourUsd)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Orleans__ClusterId"] = configuration["Orleans:ClusterId"] ?? "autoscale",
            ["Orleans__ServiceId"] = configuration["Orleans:ServiceId"] ?? "autoscale",
        };
        var connectionString = fleet.Value.WorkerConnectionString ?? configuration.GetConnectionString("Postgres");
        if (!string.IsNullOrEmpty(connectionString))
        {
            environment["ConnectionStrings__Postgres"] = connectionString;
        }

        // Workers write chunk audio themselves, so they need the same store: the folder, or the bucket and its keys.
        CopySection("Artifacts", environment, prefix: "Artifacts:");
        // Workers usually reach the database through the same pooler as the control silo, so they must talk to it alike.
        CopySection(DatabaseOptions.SectionName, environment, prefix: DatabaseOptions.SectionName + ":");
        // Failure detection must be tuned alike on every silo, so the control silo's settings travel along.
        CopySection("Orleans:Membership", environment, prefix: "Orleans:Membership:");
        CopySection($"{FleetOptions.SectionName}:{FleetOptions.WorkerEnvironmentSection}", environment, prefix: "");

        environment["Worker__Pool"] = pool;
        environment["Worker__FleetId"] = workerId;
        environment["Worker__PricePerHourUsd"] = costPerHourUsd.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return environment;
    }

    private void CopySection(string section, Dictionary<string, string> environment, string prefix)
    {
        foreach (var (key, value) in configuration.GetSection(section).AsEnumerable(makePathsRelative: true))
        {
            if (value is not null)
            {
                environment[(prefix + key).Replace(":", "__", StringComparison.Ordinal)] = value;
            }
        }
    }
}
