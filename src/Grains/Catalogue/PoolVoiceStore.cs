using AutoScale.Interfaces.Catalogue;
using Npgsql;

namespace AutoScale.Grains.Catalogue;

/// <summary>SQL of <c>pool_voices</c>: what each pool's workers reported they can speak.</summary>
public sealed class PoolVoiceStore(NpgsqlDataSource dataSource)
{
    /// <summary>Replaces the pool's voices with <paramref name="voices"/> in one transaction.</summary>
    public async Task ReplaceAsync(string pool, string workerId, IReadOnlyList<ReportedVoice> voices, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var delete = new NpgsqlCommand("DELETE FROM pool_voices WHERE pool = $1", connection, transaction))
        {
            delete.Parameters.AddWithValue(pool);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var insert = new NpgsqlCommand("""
            INSERT INTO pool_voices (pool, voice, languages, unavailable_reason, reported_by, reported_at)
            SELECT $1, v.voice, string_to_array(v.languages, ','), v.reason, $5, $6
            FROM unnest($2::text[], $3::text[], $4::text[]) AS v(voice, languages, reason)
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue(pool);
            insert.Parameters.AddWithValue(voices.Select(v => v.Id).ToArray());
            insert.Parameters.AddWithValue(voices.Select(v => string.Join(',', v.Languages)).ToArray());
            insert.Parameters.AddWithValue(voices.Select(v => v.UnavailableReason).ToArray());
            insert.Parameters.AddWithValue(workerId);
            insert.Parameters.AddWithValue(at);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Every pool's voices, by pool, in voice order.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<ReportedVoice>>> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT pool, voice, languages, unavailable_reason FROM pool_voices ORDER BY pool, voice");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var byPool = new Dictionary<string, List<ReportedVoice>>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            var pool = reader.GetString(0);
            if (!byPool.TryGetValue(pool, out var voices))
            {
                byPool[pool] = voices = [];
            }

            voices.Add(new ReportedVoice
            {
                Id = reader.GetString(1),
                Languages = [.. reader.GetFieldValue<string[]>(2).Where(l => l.Length > 0)],
                UnavailableReason = reader.IsDBNull(3) ? null : reader.GetString(3),
            });
        }

        return byPool.ToDictionary(p => p.Key, p => (IReadOnlyList<ReportedVoice>)p.Value, StringComparer.Ordinal);
    }
}
