namespace AutoScale.Audio;

/// <summary>
/// Stored chunk audio is not in the <see cref="ChunkAudio"/> form: wrong magic or version, truncated, or
/// inconsistent. An <see cref="IOException"/>, like the other failures of reading an artifact.
/// </summary>
public sealed class ChunkAudioFormatException(string message) : IOException(message);
