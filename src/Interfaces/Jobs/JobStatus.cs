namespace AutoScale.Interfaces.Jobs;

/// <summary>
/// A job's lifecycle. Only the job grain moves a job between states, and it writes every move to the
/// <c>jobs</c> table before answering; the table's CHECK constraints mirror these rules.
/// </summary>
[GenerateSerializer, Alias("job-status")]
public enum JobStatus
{
    /// <summary>Accepted and durable; its chunks wait for a worker. Entered by submit.</summary>
    Queued = 0,

    /// <summary>A worker has started on its first chunk. Entered from <see cref="Queued"/> only.</summary>
    Running = 1,

    /// <summary>Terminal: every chunk is done and the audio is complete.</summary>
    Succeeded = 2,

    /// <summary>Terminal: a chunk exhausted its attempts, or the job could not be processed; see its error.</summary>
    Failed = 3,

    /// <summary>Terminal: cancelled by its tenant while queued or running.</summary>
    Cancelled = 4,
}
