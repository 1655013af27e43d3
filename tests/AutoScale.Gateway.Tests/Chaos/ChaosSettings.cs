namespace AutoScale.Gateway.Tests.Chaos;

/// <summary>Settings shared by the chaos tests, and the collection that keeps them from running at the same time.</summary>
public static class ChaosSettings
{
    public const string Collection = "Chaos";

    /// <summary>Short leases, so that work a killed process held goes back to the queue within seconds.</summary>
    public static Dictionary<string, string> QuickRecovery() => new()
    {
        ["Queue__LeaseSeconds"] = "6",
        ["Queue__ExpiryScanSeconds"] = "1",
    };

    public static async Task<IReadOnlyList<AcceptedJob>> AssertEndToEndAsync(
        ChaosCluster cluster, IReadOnlyList<AcceptedJob> accepted, TimeSpan timeout)
    {
        var ids = accepted.Select(a => a.Id).ToList();
        await JobLedger.AssertAllSucceedAsync(cluster.Database, ids, timeout, cluster.Transcript);
        var chunks = await ChunkIntegrity.AssertChunkRowsAsync(cluster.Database, ids);
        var clients = accepted.Select(a => a.TenantKey).Distinct().ToDictionary(key => key, cluster.Gateway.Client);
        try
        {
            await Parallel.ForEachAsync(accepted, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (job, _) =>
                await ChunkIntegrity.AssertAudioHoldsEachChunkOnceAsync(clients[job.TenantKey], cluster.Artifacts, job, chunks[job.Id]));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            throw new InvalidOperationException($"{exception.Message}\n{cluster.Transcript()}", exception);
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }

        return accepted;
    }
}

[CollectionDefinition(ChaosSettings.Collection, DisableParallelization = true)]
public sealed class ChaosCollection;
