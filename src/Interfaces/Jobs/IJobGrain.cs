using Orleans.Concurrency;

namespace AutoScale.Interfaces.Jobs;

/// <summary>
/// One job, keyed by its id. The only writer of its row in the <c>jobs</c> table: every state change is durable
/// before the call returns. The gateway submits, reads, waits, cancels; the pool's queue reports its chunks (leased,
/// done, failed, and a settle when their news was lost); retention makes it forget. Success and progress are read
/// from the chunk rows, never taken from a caller, so a chunk reported twice counts once. Nothing moves a job out of
/// a terminal state.
/// </summary>
[Alias("job")]
public interface IJobGrain : IGrainWithGuidKey
{
    /// <summary>Creates the job from a validated request: splits the text into chunks and stores job and chunks
    /// in one transaction. Submitting again to the same grain returns the stored job unchanged.</summary>
    [Alias("submit")]
    Task<SubmitResult> SubmitAsync(JobRequest request);

    /// <summary>The job, or null when no job has this id.</summary>
    [Alias("get")]
    Task<JobSnapshot?> GetAsync();

    /// <summary>Waits (a long poll) until the job has changed past <paramref name="knownVersion"/>, or
    /// <paramref name="wait"/> passes; answers the job as it then stands (null when there is no such job).</summary>
    [Alias("wait-for-change"), AlwaysInterleave]
    Task<JobSnapshot?> WaitForChangeAsync(int knownVersion, TimeSpan wait);

    /// <summary>The work queue leased one of the job's chunks: a queued job is running.</summary>
    [Alias("chunk-leased"), OneWay]
    Task ChunkLeasedAsync();

    /// <summary>The job's rows were removed (retention): drop what is held in memory, so the next call reads the truth.</summary>
    [Alias("forget")]
    Task ForgetAsync();

    /// <summary>A chunk's audio is stored: progress, cost and, with the last chunk, success.</summary>
    [Alias("chunk-done"), OneWay]
    Task ChunkDoneAsync(int sequence);

    /// <summary>A chunk ran out of attempts: the job fails with the reason.</summary>
    [Alias("chunk-failed"), OneWay]
    Task ChunkFailedAsync(int sequence, string reason);

    /// <summary>
    /// The queue's rescuer found every chunk of the job ended, none failed, with the job still open: the news of its
    /// last chunk was lost (the database was briefly down, say). Reads progress from the chunk rows and succeeds
    /// when they are all done; told twice, it settles once.
    /// </summary>
    [Alias("settle"), OneWay]
    Task SettleAsync();

    /// <summary>Queued or running → cancelled. Idempotent: a job already ended keeps its state.</summary>
    [Alias("cancel")]
    Task<JobTransition> CancelAsync();
}
