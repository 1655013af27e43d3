namespace AutoScale.Gateway.Admin.Events;

public sealed partial class AdminEventLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "The admin action {Action} on {Target} was done but could not be recorded: {Error}: {Message}")]
    private partial void LogWriteFailed(string action, string target, string error, string message);
}
