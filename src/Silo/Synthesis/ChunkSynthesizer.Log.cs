namespace AutoScale.Silo.Synthesis;

public sealed partial class ChunkSynthesizer
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Reporting chunk {Sequence} of job {JobId} done failed; retrying in {DelaySeconds} s")]
    private partial void LogCompletionRetry(Exception exception, Guid jobId, int sequence, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chunk {Sequence} of job {JobId} dropped: its job was cancelled or its lease lost")]
    private partial void LogDropped(Guid jobId, int sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chunk {Sequence} of job {JobId} failed")]
    private partial void LogChunkFailed(Exception exception, Guid jobId, int sequence);
}
