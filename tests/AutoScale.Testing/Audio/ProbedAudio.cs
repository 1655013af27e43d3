namespace AutoScale.Testing.Audio;

/// <summary>An audio stream as ffprobe describes it.</summary>
public sealed record ProbedAudio(string Codec, int SampleRate, int Channels, string? Profile);
