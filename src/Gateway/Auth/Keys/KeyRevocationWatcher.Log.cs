namespace AutoScale.Gateway.Auth.Keys;

public sealed partial class KeyRevocationWatcher
{
    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Could not look for revoked keys (cached keys stay trusted until it works again or their cache time ends): {Error}: {Message}")]
    private partial void LogPollFailed(string error, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write when keys were last used (best effort, not retried): {Error}: {Message}")]
    private partial void LogUseWriteFailed(string error, string message);
}
