namespace AutoScale.Engines.Abstractions;

/// <summary>The engine has no voice of this name, or has it but cannot speak it (the message says why).</summary>
public sealed class UnknownVoiceException(string engine, string voice, string? reason = null)
    : ArgumentException(reason is null ? $"The {engine} engine has no voice '{voice}'." : $"The {engine} engine cannot speak voice '{voice}': {reason}.", nameof(voice))
{
    public string Voice { get; } = voice;
}
