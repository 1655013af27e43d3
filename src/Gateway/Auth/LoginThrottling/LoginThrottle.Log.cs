namespace AutoScale.Gateway.Auth.LoginThrottling;

public sealed partial class LoginThrottle
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Failures} wrong admin keys in a row from {Address}: its sign-ins are slowed down")]
    private partial void LogThrottled(string address, int failures);
}
