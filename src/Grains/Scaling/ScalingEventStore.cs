using Npgsql;
using NpgsqlTypes;

namespace AutoScale.Grains.Scaling;

/// <summary>The scaler's decision log (<c>scaling_events</c>): written by the scaler, read by <c>/admin/scaling-events</c>.</summary>
public sealed class ScalingEventStore(NpgsqlDataSource dataSource)
{
    public async Task AppendAsync(string pool, string action, int from, int to, string reason, string inputsJson, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO scaling_events (pool, action, from_count, to_count, reason, inputs) VALUES ($1, $2, $3, $4, $5, $6)");
        command.Parameters.AddWithValue(pool);
        command.Parameters.AddWithValue(action);
        command.Parameters.AddWithValue(from);
        command.Parameters.AddWithValue(to);
        command.Parameters.AddWithValue(reason);
        command.Parameters.Add(new NpgsqlParameter { Value = inputsJson, NpgsqlDbType = NpgsqlDbType.Jsonb });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The latest events first; <paramref name="pool"/> narrows to one pool.</summary>
    public async Task<IReadOnlyList<ScalingEvent>> ListAsync(int limit, string? pool = null, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, at, pool, action, from_count, to_count, reason, inputs::text FROM scaling_events
            WHERE $2::text IS NULL OR pool = $2 ORDER BY id DESC LIMIT $1
            """);
        command.Parameters.AddWithValue(limit);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)pool ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<ScalingEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new ScalingEvent(
                reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3),
                reader.GetInt32(4), reader.GetInt32(5), reader.GetString(6), reader.GetString(7)));
        }

        return events;
    }
}
