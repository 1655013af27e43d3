namespace AutoScale.Silo.Synthesis;

public sealed partial class SynthesisAgent
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {WorkerId} pulls from pool {Pool} with engine {Engine}, {Capacity} chunks at a time")]
    private partial void LogStarted(string workerId, string pool, string engine, int capacity);

    [LoggerMessage(Level = LogLevel.Critical, Message = "This worker cannot serve pool {Pool} and stops: {Reason}")]
    private partial void LogCannotServe(Exception exception, string pool, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not {What} (pool {Pool}, {Attempts} attempts)")]
    private partial void LogReportFailed(Exception exception, string what, string pool, int attempts);
}
