using Orleans.Concurrency;

namespace AutoScale.Interfaces.Jobs;

/// <summary>
/// One job, keyed by its id. The only writer of its row in the <c>jobs</c> table: every state change is durable
/// before the call returns. Transitions that the lifecycle forbids (anything out of a terminal state, starting a job
/// twice) change nothing and answer <see cref="JobTransition.Applied"/> = false.
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

    /// <summary>The job's chunks as offsets into its text, in order.</summary>
    [Alias("chunks")]
    Task<IReadOnlyList<JobChunk>> GetChunksAsync();

    /// <summary>Waits (a long poll) until the job has changed past <paramref name="knownVersion"/>, or
    /// <paramref name="wait"/> passes; answers the job as it then stands (null when there is no such job).</summary>
    [Alias("wait-for-change"), AlwaysInterleave]
    Task<JobSnapshot?> WaitForChangeAsync(int knownVersion, TimeSpan wait);

    /// <summary>The work queue leased one of the job's chunks: the job is running.</summary>
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

    /// <summary>Queued → running, when a worker starts its first chunk.</summary>
    [Alias("start")]
    Task<JobTransition> StartAsync();

    /// <summary>Running → succeeded, with what it produced and cost.</summary>
    [Alias("succeed")]
    Task<JobTransition> SucceedAsync(JobOutcome outcome);

    /// <summary>Queued or running → failed, with the reason.</summary>
    [Alias("fail")]
    Task<JobTransition> FailAsync(JobError error);

    /// <summary>Queued or running → cancelled. Idempotent: a job already ended keeps its state.</summary>
    [Alias("cancel")]
    Task<JobTransition> CancelAsync();
}
