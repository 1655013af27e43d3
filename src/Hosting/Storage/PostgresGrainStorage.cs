using System.Text.Json;
using Npgsql;
using Orleans.Storage;

namespace AutoScale.Hosting.Storage;

/// <summary>
/// Grain state as JSONB rows of <c>grain_state</c>, one per grain and state name, with an integer etag for
/// optimistic concurrency: a write whose etag is stale (another activation wrote meanwhile) throws
/// <see cref="InconsistentStateException"/> and changes nothing.
/// </summary>
public sealed class PostgresGrainStorage(NpgsqlDataSource dataSource, string serviceId) : IGrainStorage
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT etag, state::text FROM grain_state WHERE service_id = $1 AND grain_id = $2 AND state_name = $3");
        AddKey(command, stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync();
        if (await reader.ReadAsync())
        {
            grainState.ETag = reader.GetInt64(0).ToString(System.Globalization.CultureInfo.InvariantCulture);
            grainState.State = JsonSerializer.Deserialize<T>(reader.GetString(1), JsonOptions)!;
            grainState.RecordExists = true;
        }
        else
        {
            grainState.ETag = null;
            grainState.State = Activator.CreateInstance<T>();
            grainState.RecordExists = false;
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var json = JsonSerializer.Serialize(grainState.State, JsonOptions);
        await using var command = grainState.ETag is null
            ? dataSource.CreateCommand("""
                INSERT INTO grain_state (service_id, grain_id, state_name, etag, state) VALUES ($1, $2, $3, 1, $4::jsonb)
                ON CONFLICT DO NOTHING RETURNING etag
                """)
            : dataSource.CreateCommand("""
                UPDATE grain_state SET etag = etag + 1, state = $4::jsonb, updated_at = now()
                WHERE service_id = $1 AND grain_id = $2 AND state_name = $3 AND etag = $5 RETURNING etag
                """);
        AddKey(command, stateName, grainId);
        command.Parameters.AddWithValue(json);
        if (grainState.ETag is not null)
        {
            command.Parameters.AddWithValue(long.Parse(grainState.ETag, System.Globalization.CultureInfo.InvariantCulture));
        }

        var etag = await command.ExecuteScalarAsync();
        if (etag is not long newEtag)
        {
            throw new InconsistentStateException(
                $"State '{stateName}' of {grainId} was written by another activation.", "unknown", grainState.ETag ?? "none");
        }

        grainState.ETag = newEtag.ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (grainState.ETag is not null)
        {
            await using var command = dataSource.CreateCommand(
                "DELETE FROM grain_state WHERE service_id = $1 AND grain_id = $2 AND state_name = $3 AND etag = $4");
            AddKey(command, stateName, grainId);
            command.Parameters.AddWithValue(long.Parse(grainState.ETag, System.Globalization.CultureInfo.InvariantCulture));
            if (await command.ExecuteNonQueryAsync() == 0)
            {
                throw new InconsistentStateException(
                    $"State '{stateName}' of {grainId} was written by another activation.", "unknown", grainState.ETag);
            }
        }

        grainState.ETag = null;
        grainState.State = Activator.CreateInstance<T>();
        grainState.RecordExists = false;
    }

    private void AddKey(NpgsqlCommand command, string stateName, GrainId grainId)
    {
        command.Parameters.AddWithValue(serviceId);
        command.Parameters.AddWithValue(grainId.ToString());
        command.Parameters.AddWithValue(stateName);
    }
}
