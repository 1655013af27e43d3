using System.Globalization;
using Npgsql;

namespace AutoScale.Gateway.Tests.MultiGateway;

/// <summary>Where the control directory says the long-lived control grains are active: grain id → silo port.</summary>
public sealed record ControlGrainPlacement(IReadOnlyList<(string Grain, int SiloPort)> Rows)
{
    public IEnumerable<int> Silos => Rows.Select(r => r.SiloPort).Distinct();

    public int SiloOf(string grainPrefix) => Rows.Single(r => r.Grain.StartsWith(grainPrefix, StringComparison.Ordinal)).SiloPort;

    public int Count(string grainPrefix) => Rows.Count(r => r.Grain.StartsWith(grainPrefix, StringComparison.Ordinal));

    public static async Task<ControlGrainPlacement> ReadAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(
            "SELECT grain_id, silo_address FROM grain_directory WHERE grain_id ~ '^(scaler|work-queue|retention)/' ORDER BY grain_id");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, int)>();
        while (await reader.ReadAsync())
        {
            // A silo address reads "S127.0.0.1:11111:123456789" or "127.0.0.1:11111@123456789": the port follows the host.
            var address = reader.GetString(1).TrimStart('S');
            var port = address.Split(':', '@')[1];
            rows.Add((reader.GetString(0), int.Parse(port, CultureInfo.InvariantCulture)));
        }

        return new ControlGrainPlacement(rows);
    }

    public override string ToString() => string.Join(", ", Rows.Select(r => $"{r.Grain} on silo port {r.SiloPort}"));
}
