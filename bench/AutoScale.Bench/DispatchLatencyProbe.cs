using Npgsql;

namespace AutoScale.Bench;

/// <summary>
/// Queued → leased for one-chunk jobs submitted one at a time to an idle, warm worker, from columns the product already
/// writes: <c>jobs.created_at</c> (the job grain, before the durable insert) and <c>jobs.started_at</c> (the job grain,
/// told by the queue grain once the lease is written and handed out).
/// </summary>
public static class DispatchLatencyProbe
{
    public static async Task<LatencyStats> RunAsync(BenchGateway gateway, string database, int jobs)
    {
        using var client = LatencyBenchmarks.Client(gateway);
        var ids = new List<Guid>();
        for (var i = 0; i < jobs; i++)
        {
            var id = await LatencyBenchmarks.SubmitAsync(client, $"Dispatch probe {i}.");
            await LatencyBenchmarks.WaitUntilSucceededAsync(client, id);
            ids.Add(Guid.Parse(id));
        }

        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var query = dataSource.CreateCommand(
            "SELECT extract(epoch FROM started_at - created_at) * 1000 FROM jobs WHERE id = ANY($1) AND started_at IS NOT NULL");
        query.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        var milliseconds = new List<double>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            milliseconds.Add((double)reader.GetDecimal(0));
        }

        return new LatencyStats(milliseconds);
    }
}
