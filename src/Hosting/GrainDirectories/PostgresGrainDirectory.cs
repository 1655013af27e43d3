using Npgsql;
using Orleans.GrainDirectory;

namespace AutoScale.Hosting.GrainDirectories;

/// <summary>
/// An Orleans grain directory in PostgreSQL (<c>grain_directory</c>), for the control grains. Orleans' default
/// directory is partitioned over every silo, workers included, so while a crashed worker is not yet declared dead,
/// registering or finding a grain whose partition it held is refused; this one depends only on the database every
/// silo needs anyway. Orleans caches what it finds and clears entries of dead silos through
/// <see cref="UnregisterSilos"/>; a registration is replaced only by naming the one it replaces.
/// </summary>
public sealed class PostgresGrainDirectory(NpgsqlDataSource dataSource, string clusterId) : IGrainDirectory
{
    private const string Columns = "silo_address, activation_id, membership_version";

    public async Task<GrainAddress?> Register(GrainAddress address)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO grain_directory (cluster_id, grain_id, {Columns}) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (cluster_id, grain_id) DO NOTHING
            RETURNING {Columns}
            """);
        AddAddress(command, address);
        return await ReadAsync(command, address.GrainId) ?? await Lookup(address.GrainId);
    }

    public async Task<GrainAddress?> Register(GrainAddress address, GrainAddress? previousAddress)
    {
        if (previousAddress is null)
        {
            return await Register(address);
        }

        await using var command = dataSource.CreateCommand($"""
            UPDATE grain_directory SET silo_address = $3, activation_id = $4, membership_version = $5
            WHERE cluster_id = $1 AND grain_id = $2 AND activation_id = $6
            RETURNING {Columns}
            """);
        AddAddress(command, address);
        command.Parameters.AddWithValue(previousAddress.ActivationId.ToParsableString());
        return await ReadAsync(command, address.GrainId) ?? await Register(address);
    }

    public async Task Unregister(GrainAddress address)
    {
        await using var command = dataSource.CreateCommand(
            "DELETE FROM grain_directory WHERE cluster_id = $1 AND grain_id = $2 AND activation_id = $3");
        command.Parameters.AddWithValue(clusterId);
        command.Parameters.AddWithValue(address.GrainId.ToString());
        command.Parameters.AddWithValue(address.ActivationId.ToParsableString());
        await command.ExecuteNonQueryAsync();
    }

    public async Task<GrainAddress?> Lookup(GrainId grainId)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM grain_directory WHERE cluster_id = $1 AND grain_id = $2");
        command.Parameters.AddWithValue(clusterId);
        command.Parameters.AddWithValue(grainId.ToString());
        return await ReadAsync(command, grainId);
    }

    public async Task UnregisterSilos(List<SiloAddress> siloAddresses)
    {
        if (siloAddresses.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand(
            "DELETE FROM grain_directory WHERE cluster_id = $1 AND silo_address = ANY($2)");
        command.Parameters.AddWithValue(clusterId);
        command.Parameters.AddWithValue(siloAddresses.Select(s => s.ToParsableString()).ToArray());
        await command.ExecuteNonQueryAsync();
    }

    private void AddAddress(NpgsqlCommand command, GrainAddress address)
    {
        command.Parameters.AddWithValue(clusterId);
        command.Parameters.AddWithValue(address.GrainId.ToString());
        command.Parameters.AddWithValue(address.SiloAddress!.ToParsableString());
        command.Parameters.AddWithValue(address.ActivationId.ToParsableString());
        command.Parameters.AddWithValue(address.MembershipVersion.Value);
    }

    private static async Task<GrainAddress?> ReadAsync(NpgsqlCommand command, GrainId grainId)
    {
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        return new GrainAddress
        {
            GrainId = grainId,
            SiloAddress = SiloAddress.FromParsableString(reader.GetString(0)),
            ActivationId = ActivationId.FromParsableString(reader.GetString(1)),
            MembershipVersion = new MembershipVersion(reader.GetInt64(2)),
        };
    }
}
