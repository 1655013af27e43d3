using AutoScale.Interfaces.Work;

namespace AutoScale.Grains.Tests.Infrastructure;

/// <summary>What a worker reports to the queue, for tests that play the worker.</summary>
public static class WorkerReports
{
    /// <summary>The leased chunk's audio is stored: by default a second of 22,050 Hz audio made in half a second.</summary>
    public static ChunkCompletion Done(
        ChunkLease lease, string workerId = "test-worker", long samples = 22050, double engineSeconds = 0.5, decimal costUsd = 0.001m) => new()
    {
        LeaseId = lease.LeaseId,
        JobId = lease.JobId,
        Sequence = lease.Sequence,
        WorkerId = workerId,
        ArtifactKey = $"test/{lease.JobId}/{lease.Sequence}",
        SampleRate = 22050,
        Samples = samples,
        EngineSeconds = engineSeconds,
        CostUsd = costUsd,
    };
}
