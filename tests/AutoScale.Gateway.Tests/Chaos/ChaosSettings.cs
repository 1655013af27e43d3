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
        await ChunkIntegrity.AssertJobsEndToEndAsync(cluster.Database, cluster.Artifacts, cluster.Gateway, accepted, timeout, cluster.Transcript);
        return accepted;
    }
}

[CollectionDefinition(ChaosSettings.Collection, DisableParallelization = true)]
public sealed class ChaosCollection;
