using System.Text;
using AutoScale.Testing;
using Npgsql;

namespace AutoScale.Gateway.Tests.Chaos;

/// <summary>What the jobs table says of a set of jobs, read with SQL (cheaper than one GET per job for thousands).</summary>
public static class JobLedger
{
    /// <summary>How many of <paramref name="ids"/> are in each status.</summary>
    public static async Task<IReadOnlyDictionary<string, int>> CountByStatusAsync(string database, IReadOnlyCollection<Guid> ids)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var command = dataSource.CreateCommand("SELECT status, count(*)::int FROM jobs WHERE id = ANY($1) GROUP BY status");
        command.Parameters.AddWithValue(ids.ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new Dictionary<string, int>();
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = reader.GetInt32(1);
        }

        return counts;
    }

    /// <summary>How many jobs the database holds for each of <paramref name="keys"/> (a retry that made a second job shows as 2).</summary>
    public static async Task<IReadOnlyList<long>> JobsPerIdempotencyKeyAsync(string database, IEnumerable<string> keys)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM jobs WHERE idempotency_key = ANY($1) GROUP BY idempotency_key");
        command.Parameters.AddWithValue(keys.ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new List<long>();
        while (await reader.ReadAsync())
        {
            counts.Add(reader.GetInt64(0));
        }

        return counts;
    }

    /// <summary>Waits until every job of <paramref name="ids"/> is in the jobs table and ended, and returns the counts.</summary>
    public static Task<IReadOnlyDictionary<string, int>> WaitUntilAllEndedAsync(string database, IReadOnlyCollection<Guid> ids, TimeSpan timeout) =>
        Eventually.ReturnsAsync(
            () => CountByStatusAsync(database, ids),
            counts => counts.Where(c => c.Key is "succeeded" or "failed" or "cancelled").Sum(c => c.Value) == ids.Count,
            timeout,
            $"all {ids.Count} jobs to end");

    /// <summary>Waits for every job to end, then asserts each succeeded, naming the others with their recorded errors.</summary>
    public static async Task AssertAllSucceedAsync(string database, IReadOnlyCollection<Guid> ids, TimeSpan timeout, Func<string>? context = null)
    {
        IReadOnlyDictionary<string, int> counts;
        try
        {
            counts = await WaitUntilAllEndedAsync(database, ids, timeout);
        }
        catch (TimeoutException exception)
        {
            var last = await CountByStatusAsync(database, ids);
            throw new TimeoutException(
                $"{exception.Message} Of {ids.Count} accepted jobs the table holds: {Describe(last)} (the rest are missing).\n"
                + $"{await DescribeUnsuccessfulAsync(database, ids)}\n{context?.Invoke()}",
                exception);
        }

        if (counts.GetValueOrDefault("succeeded") != ids.Count)
        {
            Assert.Fail($"{ids.Count - counts.GetValueOrDefault("succeeded")} of {ids.Count} accepted jobs did not succeed: "
                + $"{Describe(counts)}.\n{await DescribeUnsuccessfulAsync(database, ids)}\n{context?.Invoke()}");
        }
    }

    public static string Describe(IReadOnlyDictionary<string, int> counts) =>
        string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"));

    private static async Task<string> DescribeUnsuccessfulAsync(string database, IReadOnlyCollection<Guid> ids)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var command = dataSource.CreateCommand("""
            SELECT j.id, j.status, j.error_code, j.error_message, j.chunks_done, j.chunks_total,
                   (SELECT string_agg(format('%s:%s attempts %s worker %s lease until %s error %s',
                                             c.seq, c.state, c.attempts, c.worker_id, c.lease_expires_at, c.error), '; ' ORDER BY c.seq)
                    FROM job_chunks c WHERE c.job_id = j.id)
            FROM jobs j WHERE j.id = ANY($1) AND j.status <> 'succeeded' ORDER BY j.id LIMIT 20
            """);
        command.Parameters.AddWithValue(ids.ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        var text = new StringBuilder($"Jobs that did not succeed (now {DateTimeOffset.UtcNow:O}):\n");
        while (await reader.ReadAsync())
        {
            text.AppendLine($"  {reader.GetGuid(0)}: {reader.GetString(1)} {(reader.IsDBNull(2) ? "" : reader.GetString(2))} "
                + $"{(reader.IsDBNull(3) ? "" : reader.GetString(3))}, {reader.GetInt32(4)} of {reader.GetInt32(5)} chunks done; "
                + $"chunks: {(reader.IsDBNull(6) ? "none" : reader.GetString(6))}");
        }

        return text.ToString();
    }
}
