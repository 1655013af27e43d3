using AutoScale.Fleet.Scaling;
using AutoScale.Interfaces.Fleet;
using Npgsql;

namespace AutoScale.Grains.Scaling;

/// <summary>SQL of the scaler's records: <c>fleet_workers</c> and <c>fleet_pools</c>.</summary>
public sealed class FleetStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, pool, provider, provider_id, image, state, state_since, created_at, ready_at, silo_address, cost_per_hour_usd, reason";

    /// <summary>Every worker not gone, and the most recently gone ones (for the operator's view).</summary>
    public async Task<IReadOnlyList<FleetWorkerRecord>> LoadAsync(int recentlyGone, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM fleet_workers WHERE state <> 'gone'
            UNION ALL
            (SELECT {Columns} FROM fleet_workers WHERE state = 'gone' ORDER BY state_since DESC LIMIT $1)
            """);
        command.Parameters.AddWithValue(recentlyGone);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<FleetWorkerRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new FleetWorkerRecord
            {
                Id = reader.GetString(0),
                Pool = reader.GetString(1),
                Provider = reader.GetString(2),
                ProviderId = reader.IsDBNull(3) ? null : reader.GetString(3),
                Image = reader.GetString(4),
                Stage = FleetWorkerStateExtensions.ParseWireName(reader.GetString(5)).ToStage(),
                StateSince = reader.GetFieldValue<DateTimeOffset>(6),
                CreatedAt = reader.GetFieldValue<DateTimeOffset>(7),
                ReadyAt = reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
                Silo = reader.IsDBNull(9) ? null : reader.GetString(9),
                CostPerHourUsd = reader.GetDecimal(10),
                Reason = reader.IsDBNull(11) ? null : reader.GetString(11),
            });
        }

        return records;
    }

    /// <summary>Writes a record as it is now (insert or update).</summary>
    public async Task SaveAsync(FleetWorkerRecord record, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO fleet_workers ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            ON CONFLICT (id) DO UPDATE SET provider_id = $4, state = $6, state_since = $7, ready_at = $9,
                silo_address = $10, cost_per_hour_usd = $11, reason = $12
            """);
        command.Parameters.AddWithValue(record.Id);
        command.Parameters.AddWithValue(record.Pool);
        command.Parameters.AddWithValue(record.Provider);
        command.Parameters.AddWithValue((object?)record.ProviderId ?? DBNull.Value);
        command.Parameters.AddWithValue(record.Image);
        command.Parameters.AddWithValue(record.Stage.ToState().ToWireName());
        command.Parameters.AddWithValue(record.StateSince);
        command.Parameters.AddWithValue(record.CreatedAt);
        command.Parameters.AddWithValue((object?)record.ReadyAt ?? DBNull.Value);
        command.Parameters.AddWithValue((object?)record.Silo ?? DBNull.Value);
        command.Parameters.AddWithValue(record.CostPerHourUsd);
        command.Parameters.AddWithValue((object?)record.Reason ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Run-time pool settings: bounds and image an operator set, by pool.</summary>
    public async Task<IReadOnlyDictionary<string, PoolOverrides>> LoadPoolOverridesAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT pool, min_workers, max_workers, image, unservable_reason, unservable_image, unservable_since FROM fleet_pools");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var overrides = new Dictionary<string, PoolOverrides>();
        while (await reader.ReadAsync(cancellationToken))
        {
            overrides[reader.GetString(0)] = new PoolOverrides(
                reader.IsDBNull(1) ? null : reader.GetInt32(1),
                reader.IsDBNull(2) ? null : reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4)
                    ? null
                    : new UnservablePool(reader.GetString(4), reader.IsDBNull(5) ? "" : reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return overrides;
    }

    /// <summary>Sets the bounds; an operator acting on the pool also clears an unservable mark (the next worker tries again).</summary>
    public async Task SaveBoundsAsync(string pool, int min, int max, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO fleet_pools (pool, min_workers, max_workers) VALUES ($1, $2, $3)
            ON CONFLICT (pool) DO UPDATE SET min_workers = $2, max_workers = $3, updated_at = now(),
                unservable_reason = NULL, unservable_image = NULL, unservable_since = NULL
            """);
        command.Parameters.AddWithValue(pool);
        command.Parameters.AddWithValue(min);
        command.Parameters.AddWithValue(max);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Sets the pool's worker image; it clears an unservable mark, which was about another image.</summary>
    public async Task SaveImageAsync(string pool, string image, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO fleet_pools (pool, image) VALUES ($1, $2)
            ON CONFLICT (pool) DO UPDATE SET image = $2, updated_at = now(),
                unservable_reason = NULL, unservable_image = NULL, unservable_since = NULL
            """);
        command.Parameters.AddWithValue(pool);
        command.Parameters.AddWithValue(image);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Marks the pool unservable (null clears the mark).</summary>
    public async Task SaveUnservableAsync(string pool, UnservablePool? unservable, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO fleet_pools (pool, unservable_reason, unservable_image, unservable_since) VALUES ($1, $2, $3, $4)
            ON CONFLICT (pool) DO UPDATE SET unservable_reason = $2, unservable_image = $3, unservable_since = $4, updated_at = now()
            """);
        command.Parameters.AddWithValue(pool);
        command.Parameters.AddWithValue((object?)unservable?.Reason ?? DBNull.Value);
        command.Parameters.AddWithValue((object?)unservable?.Image ?? DBNull.Value);
        command.Parameters.AddWithValue((object?)unservable?.Since ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
