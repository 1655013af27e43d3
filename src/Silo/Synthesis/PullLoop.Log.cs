namespace AutoScale.Silo.Synthesis;

public sealed partial class PullLoop
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Taking work from pool {Pool} failed ({Failures} in a row)")]
    private partial void LogTakeFailed(Exception exception, string pool, int failures);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {WorkerId} was told to drain: finishing {Count} chunks, then stopping")]
    private partial void LogLeaving(string workerId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Draining: waiting up to {Seconds} s for {Count} chunks in flight")]
    private partial void LogDraining(int count, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handed {Count} unfinished chunks back to the queue")]
    private partial void LogHandedBack(int count);
}
