using System.Buffers.Binary;

namespace AutoScale.Audio;

/// <summary>
/// The bytes of a mono 16-bit PCM WAV file as pure functions of the sample rate and count: a canonical
/// <see cref="HeaderSize"/>-byte header (RIFF, <c>fmt </c> of 16 bytes, <c>data</c>), then the samples, 2 bytes each,
/// little-endian. This is what <see cref="AudioEncoders"/> writes, byte for byte.
/// </summary>
/// <remarks>
/// Without a known length (progressive download) the RIFF and data sizes are <see cref="StreamingSize"/>
/// (0xFFFFFFFF), the convention for "until the end of the stream" that ffmpeg, sox and browsers accept.
/// </remarks>
public static class WavLayout
{
    public const int HeaderSize = 44;

    public const int BytesPerSample = sizeof(short);

    /// <summary>The RIFF and data sizes written when the length is not known.</summary>
    public const uint StreamingSize = uint.MaxValue;

    /// <summary>The most samples whose sizes fit the 32-bit RIFF size (about 24 hours at 24 kHz).</summary>
    public const long MaxSampleCount = (uint.MaxValue - 1L - (HeaderSize - 8)) / BytesPerSample;

    /// <summary>The exact length of the file holding <paramref name="sampleCount"/> samples.</summary>
    public static long FileLength(long sampleCount) => HeaderSize + DataLength(sampleCount);

    /// <summary>The length of the data chunk (the samples) for <paramref name="sampleCount"/> samples.</summary>
    public static long DataLength(long sampleCount)
    {
        CheckCount(sampleCount);
        return sampleCount * BytesPerSample;
    }

    /// <summary>Where sample <paramref name="sampleIndex"/> starts in the file.</summary>
    public static long SampleOffset(long sampleIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sampleIndex);
        return HeaderSize + (sampleIndex * BytesPerSample);
    }

    /// <summary>The header; <paramref name="sampleCount"/> null gives the streaming form.</summary>
    public static byte[] Header(int sampleRate, long? sampleCount)
    {
        var header = new byte[HeaderSize];
        WriteHeader(header, sampleRate, sampleCount);
        return header;
    }

    /// <summary>Writes the header into the start of <paramref name="destination"/>.</summary>
    public static void WriteHeader(Span<byte> destination, int sampleRate, long? sampleCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, HeaderSize, nameof(destination));
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        var dataSize = sampleCount is { } count ? (uint)DataLength(count) : StreamingSize;
        var riffSize = sampleCount is null ? StreamingSize : (uint)(HeaderSize - 8 + dataSize);
        "RIFF"u8.CopyTo(destination);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], riffSize);
        "WAVEfmt "u8.CopyTo(destination[8..]);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[20..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[22..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[24..], (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[28..], (uint)(sampleRate * BytesPerSample));
        BinaryPrimitives.WriteUInt16LittleEndian(destination[32..], BytesPerSample);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[34..], 16);
        "data"u8.CopyTo(destination[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[40..], dataSize);
    }

    private static void CheckCount(long sampleCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sampleCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleCount, MaxSampleCount);
    }
}
