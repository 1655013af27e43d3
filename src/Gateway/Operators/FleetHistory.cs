using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace AutoScale.Gateway.Operators;

/// <summary>
/// The fleet's samples behind the /ops chart, in <c>fleet_history</c>: every gateway reads the same history and it
/// survives restarts. Time is cut into slots of <see cref="OperatorOptions.SampleSeconds"/>; the first sample written
/// for a slot keeps it, so several gateways sampling at once still make one sample per slot.
/// </summary>
public sealed class FleetHistory(NpgsqlDataSource dataSource, IOptions<OperatorOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The slot a moment falls in.</summary>
    public long SlotOf(DateTimeOffset at) => at.ToUnixTimeMilliseconds() / (options.Value.SampleSeconds * 1000L);

    /// <summary>Keeps the sample unless its slot has one already; true when this one was kept.</summary>
    public async Task<bool> AddAsync(FleetSample sample, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO fleet_history (slot, sampled_at, cost_per_hour_usd, pools) VALUES ($1, $2, $3, $4)
            ON CONFLICT (slot) DO NOTHING
            """);
        command.Parameters.AddWithValue(SlotOf(sample.At));
        command.Parameters.AddWithValue(sample.At);
        command.Parameters.AddWithValue(sample.CostPerHourUsd);
        command.Parameters.AddWithValue(NpgsqlDbType.Jsonb, JsonSerializer.Serialize(sample.Pools, Json));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Deletes the samples older than <see cref="OperatorOptions.HistoryMinutes"/> before <paramref name="now"/>.</summary>
    public async Task<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM fleet_history WHERE sampled_at < $1");
        command.Parameters.AddWithValue(now.AddMinutes(-options.Value.HistoryMinutes));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The samples taken at or after <paramref name="since"/>, oldest first.</summary>
    public async Task<IReadOnlyList<FleetSample>> SinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT sampled_at, cost_per_hour_usd, pools::text FROM fleet_history WHERE sampled_at >= $1 ORDER BY slot");
        command.Parameters.AddWithValue(since);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var samples = new List<FleetSample>();
        while (await reader.ReadAsync(cancellationToken))
        {
            samples.Add(new FleetSample(
                reader.GetFieldValue<DateTimeOffset>(0), reader.GetDecimal(1),
                JsonSerializer.Deserialize<List<PoolSample>>(reader.GetString(2), Json) ?? []));
        }

        return samples;
    }
}
