using Microsoft.Extensions.Logging;

namespace AutoScale.Grains.Work;

public sealed partial class WorkQueueGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Queue {Pool}: worker {WorkerId} told to drain")]
    private partial void LogDrainRequested(string pool, string workerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Queue {Pool} rebuilt: {Chunks} open chunks of {Jobs} jobs")]
    private partial void LogRebuilt(string pool, int chunks, int jobs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chunk {Sequence} of job {JobId} failed (attempt {Attempt}), retrying: {Reason}")]
    private partial void LogRetrying(Guid jobId, int sequence, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Chunk {Sequence} of job {JobId} failed {Attempt} times, giving up: {Reason}")]
    private partial void LogGaveUp(Guid jobId, int sequence, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Put back {Count} chunks leased by {WorkerId}")]
    private partial void LogWorkerReleased(string workerId, int count);
}
