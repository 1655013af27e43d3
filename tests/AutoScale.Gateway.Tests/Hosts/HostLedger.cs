using System.Net;
using Npgsql;

namespace AutoScale.Gateway.Tests.Hosts;

/// <summary>A chunk of a job, by its key.</summary>
public sealed record ChunkKey(Guid JobId, int Sequence);

/// <summary>A chunk's state and the worker silo that holds or finished it.</summary>
public sealed record ChunkHolder(ChunkKey Chunk, string State, string? WorkerId);

/// <summary>One row of the Orleans membership table for a silo address.</summary>
public sealed record SiloRow(int Port, int Generation, int Status);

/// <summary>What the database says about hosts' silos and the chunks they hold, read with SQL.</summary>
public static class HostLedger
{
    public const int ActiveStatus = 3;
    public const int DeadStatus = 6;

    /// <summary>The chunks leased right now to a silo at <paramref name="address"/>.</summary>
    public static async Task<IReadOnlyList<ChunkKey>> LeasedToAsync(string database, IPAddress address)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var command = dataSource.CreateCommand(
            "SELECT job_id, seq FROM job_chunks WHERE state = 'leased' AND strpos(worker_id, $1) > 0 ORDER BY job_id, seq");
        command.Parameters.AddWithValue($"{address}:");
        await using var reader = await command.ExecuteReaderAsync();
        var chunks = new List<ChunkKey>();
        while (await reader.ReadAsync())
        {
            chunks.Add(new ChunkKey(reader.GetGuid(0), reader.GetInt32(1)));
        }

        return chunks;
    }

    public static async Task<IReadOnlyList<ChunkHolder>> HoldersAsync(string database, IReadOnlyCollection<ChunkKey> chunks)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var command = dataSource.CreateCommand("""
            SELECT c.job_id, c.seq, c.state, c.worker_id
            FROM job_chunks c JOIN unnest($1::uuid[], $2::integer[]) AS k(job_id, seq) ON c.job_id = k.job_id AND c.seq = k.seq
            """);
        command.Parameters.AddWithValue(chunks.Select(c => c.JobId).ToArray());
        command.Parameters.AddWithValue(chunks.Select(c => c.Sequence).ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        var holders = new List<ChunkHolder>();
        while (await reader.ReadAsync())
        {
            holders.Add(new ChunkHolder(
                new ChunkKey(reader.GetGuid(0), reader.GetInt32(1)), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return holders;
    }

    /// <summary>The membership rows of silos at <paramref name="address"/>, newest generation first.</summary>
    public static async Task<IReadOnlyList<SiloRow>> SilosAtAsync(string database, IPAddress address)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var command = dataSource.CreateCommand(
            "SELECT port, generation, status FROM orleansmembershiptable WHERE address = $1 ORDER BY generation DESC");
        command.Parameters.AddWithValue(address.ToString());
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<SiloRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new SiloRow(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2)));
        }

        return rows;
    }

    /// <summary>Fleet records not gone whose silo is at <paramref name="address"/> (workers the scaler still counts and bills).</summary>
    public static async Task<long> LiveFleetRecordsAtAsync(string database, IPAddress address)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var command = dataSource.CreateCommand(
            "SELECT count(*) FROM fleet_workers WHERE state <> 'gone' AND strpos(coalesce(silo_address, ''), $1) > 0");
        command.Parameters.AddWithValue($"{address}:");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public static async Task<T> ScalarAsync<T>(string database, string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
