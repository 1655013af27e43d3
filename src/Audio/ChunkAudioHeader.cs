using System.Buffers.Binary;

namespace AutoScale.Audio;

/// <summary>
/// The fixed header of a stored chunk (<see cref="ChunkAudio"/>), <see cref="Size"/> bytes, all little-endian:
/// magic <c>ASCA</c> (4 bytes), version (u16, 1), reserved (u16, 0), sample rate in Hz (u32), sample count (u32).
/// The samples follow as 16-bit little-endian mono PCM, <see cref="PayloadLength"/> bytes.
/// </summary>
public readonly record struct ChunkAudioHeader
{
    /// <summary>Header bytes before the first sample.</summary>
    public const int Size = 16;

    /// <summary>The only version written and read.</summary>
    public const ushort CurrentVersion = 1;

    /// <summary>Highest sample rate accepted (Hz).</summary>
    public const int MaxSampleRate = 768_000;

    private static ReadOnlySpan<byte> Magic => "ASCA"u8;

    public ChunkAudioHeader(int sampleRate, int sampleCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, MaxSampleRate);
        ArgumentOutOfRangeException.ThrowIfNegative(sampleCount);
        SampleRate = sampleRate;
        SampleCount = sampleCount;
    }

    public int SampleRate { get; }

    public int SampleCount { get; }

    /// <summary>Bytes of samples after the header.</summary>
    public long PayloadLength => SampleCount * (long)sizeof(short);

    /// <summary>Header and samples: the whole stored chunk.</summary>
    public long TotalLength => Size + PayloadLength;

    public TimeSpan Duration => TimeSpan.FromSeconds((double)SampleCount / SampleRate);

    /// <summary>Writes the <see cref="Size"/> header bytes.</summary>
    public void WriteTo(Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Size, nameof(destination));
        Magic.CopyTo(destination);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[4..], CurrentVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[6..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], (uint)SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], (uint)SampleCount);
    }

    /// <summary>Reads and checks a header.</summary>
    /// <exception cref="ChunkAudioFormatException">It is short, or not a header this version understands.</exception>
    public static ChunkAudioHeader Read(ReadOnlySpan<byte> source)
    {
        if (source.Length < Size)
        {
            throw new ChunkAudioFormatException(
                $"Chunk audio is truncated: the header needs {Size} bytes but there are only {source.Length}.");
        }

        if (!source[..4].SequenceEqual(Magic))
        {
            throw new ChunkAudioFormatException(
                $"Not chunk audio: expected the magic 'ASCA' but found {Convert.ToHexString(source[..4])}.");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(source[4..]);
        if (version != CurrentVersion)
        {
            throw new ChunkAudioFormatException($"Chunk audio version {version} is not supported (only {CurrentVersion}).");
        }

        var reserved = BinaryPrimitives.ReadUInt16LittleEndian(source[6..]);
        var sampleRate = BinaryPrimitives.ReadUInt32LittleEndian(source[8..]);
        var sampleCount = BinaryPrimitives.ReadUInt32LittleEndian(source[12..]);
        if (reserved != 0 || sampleRate is 0 or > MaxSampleRate || sampleCount > int.MaxValue)
        {
            throw new ChunkAudioFormatException(
                $"Chunk audio header is corrupt: reserved {reserved}, sample rate {sampleRate} Hz, {sampleCount} samples.");
        }

        return new ChunkAudioHeader((int)sampleRate, (int)sampleCount);
    }
}
