namespace AutoScale.Engines.Abstractions;

/// <summary>The engine has no voice of this name.</summary>
public sealed class UnknownVoiceException(string engine, string voice)
    : ArgumentException($"The {engine} engine has no voice '{voice}'.", nameof(voice))
{
    public string Voice { get; } = voice;
}
