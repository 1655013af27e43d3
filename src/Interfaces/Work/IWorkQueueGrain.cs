using Orleans.Concurrency;

namespace AutoScale.Interfaces.Work;

/// <summary>
/// The work queue of one pool (keyed by the pool's name). Pending chunks live in memory, ordered by priority and
/// fairly across tenants and jobs, backed by the <c>job_chunks</c> rows it rebuilds from on activation.
/// </summary>
[Alias("work-queue")]
public interface IWorkQueueGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds a new job's chunks, already stored by the job grain, as they were stored: the queue need not read them
    /// back. Idempotent.
    /// </summary>
    [Alias("enqueue-job")]
    Task EnqueueJobAsync(QueuedJob job);

    /// <summary>
    /// Leases up to <paramref name="max"/> chunks to a worker; when none is ready, waits up to <paramref name="wait"/>
    /// for some (a long poll) and answers empty if none came.
    /// </summary>
    [Alias("take"), AlwaysInterleave]
    Task<IReadOnlyList<ChunkLease>> TakeAsync(string workerId, int max, TimeSpan wait);

    /// <summary>Extends a lease; false means drop the chunk (its job was cancelled or the lease was lost).</summary>
    [Alias("renew")]
    Task<bool> RenewAsync(Guid leaseId);

    /// <summary>Records a finished chunk once, however often it is reported, and tells its job.</summary>
    [Alias("complete")]
    Task CompleteAsync(ChunkCompletion completion);

    /// <summary>A chunk failed on a worker: retried with backoff, or its job fails when attempts run out.</summary>
    [Alias("fail")]
    Task FailAsync(Guid leaseId, Guid jobId, int sequence, string reason);

    /// <summary>Hands leased chunks back unfinished (a draining worker), to the front of the queue.</summary>
    [Alias("release")]
    Task ReleaseAsync(IReadOnlyList<Guid> leaseIds);

    /// <summary>Puts back every chunk leased by a worker the cluster declared dead.</summary>
    [Alias("release-worker")]
    Task ReleaseWorkerAsync(string workerId);

    /// <summary>Removes a cancelled job's chunks; its in-flight leases will fail to renew.</summary>
    [Alias("cancel-job")]
    Task CancelJobAsync(Guid jobId);

    /// <summary>
    /// Tells a worker to leave: its polls come back empty at once and <see cref="ShouldLeaveAsync"/> says yes, so it
    /// finishes what it holds and stops. Idempotent; the scaler repeats it until the worker is gone.
    /// </summary>
    [Alias("drain-worker")]
    Task DrainWorkerAsync(string workerId);

    /// <summary>Whether this worker was told to drain (asked by a worker whose poll came back empty).</summary>
    [Alias("should-leave"), AlwaysInterleave]
    Task<bool> ShouldLeaveAsync(string workerId);

    [Alias("stats")]
    Task<QueueStats> GetStatsAsync();
}
