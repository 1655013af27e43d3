namespace AutoScale.Gateway.Auth.KeyRing;

public sealed partial class FirstKeyCreator
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Created the shared Data Protection key {KeyId} (admin sessions)")]
    private partial void LogFirstKeyCreated(Guid keyId);
}
