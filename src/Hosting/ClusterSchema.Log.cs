using Microsoft.Extensions.Logging;

namespace AutoScale.Hosting;

public static partial class ClusterSchema
{
    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The cluster's tables are not in database {Database} yet: waiting up to {Seconds} s for a gateway to apply the schema (workers never apply it).")]
    private static partial void LogWaiting(ILogger logger, string database, int seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "The cluster's tables appeared in database {Database} after {Seconds:0.0} s; joining.")]
    private static partial void LogArrived(ILogger logger, string database, double seconds);

    [LoggerMessage(Level = LogLevel.Critical,
        Message = "The cluster's tables are still not in database {Database} after {Seconds} s: start a gateway on this database first (it applies the schema), then this worker.")]
    private static partial void LogGaveUp(ILogger logger, string database, int seconds);
}
