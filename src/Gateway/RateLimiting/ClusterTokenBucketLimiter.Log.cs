namespace AutoScale.Gateway.RateLimiting;

public sealed partial class ClusterTokenBucketLimiter
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "The rate limit's token bucket did not answer ({Error}: {Message}); the request passes")]
    private partial void LogBucketUnavailable(string error, string message);
}
