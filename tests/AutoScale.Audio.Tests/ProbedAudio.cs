namespace AutoScale.Audio.Tests;

/// <summary>An audio stream as ffprobe describes it.</summary>
internal sealed record ProbedAudio(string Codec, int SampleRate, int Channels, string? Profile);
