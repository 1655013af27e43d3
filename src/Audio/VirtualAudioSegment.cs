namespace AutoScale.Audio;

/// <summary>
/// A run of bytes of a <see cref="VirtualAudioFile"/>, and where they are stored: the file's
/// <see cref="VirtualAudioFile.Header"/> when <see cref="Chunk"/> is null, otherwise the stored artifact of chunk
/// <see cref="Chunk"/>, whose <see cref="Offset"/> already counts <see cref="ChunkAudio.HeaderSize"/>.
/// </summary>
public readonly record struct VirtualAudioSegment(int? Chunk, long Offset, long Length);
