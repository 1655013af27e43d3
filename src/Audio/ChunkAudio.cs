using System.Buffers;

namespace AutoScale.Audio;

/// <summary>
/// One chunk's audio as it is stored: a <see cref="ChunkAudioHeader"/> then 16-bit little-endian mono samples. The
/// sample bytes are exactly the bytes of a WAV or PCM file's data, which is what lets <see cref="VirtualAudioFile"/>
/// serve byte ranges straight from the stored chunks.
/// </summary>
public sealed class ChunkAudio
{
    /// <summary>Bytes before the first sample (<see cref="ChunkAudioHeader.Size"/>).</summary>
    public const int HeaderSize = ChunkAudioHeader.Size;

    private const int BlockSamples = 8192;

    public ChunkAudio(int sampleRate, ReadOnlyMemory<short> samples)
    {
        Header = new ChunkAudioHeader(sampleRate, samples.Length);
        Samples = samples;
    }

    public ChunkAudioHeader Header { get; }

    public int SampleRate => Header.SampleRate;

    public ReadOnlyMemory<short> Samples { get; }

    public TimeSpan Duration => Header.Duration;

    /// <summary>The samples as floats in [-1, 1).</summary>
    public float[] ToFloat()
    {
        var samples = new float[Samples.Length];
        PcmConversion.ToFloat(Samples.Span, samples);
        return samples;
    }

    /// <summary>Writes this chunk in its stored form.</summary>
    public Task WriteAsync(Stream destination, CancellationToken cancellationToken) =>
        WriteAsync(destination, Samples, SampleRate, cancellationToken);

    /// <summary>Writes float samples in the stored form, converted with <see cref="PcmConversion.ToInt16(float)"/>.</summary>
    public static async Task WriteAsync(Stream destination, ReadOnlyMemory<float> samples, int sampleRate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        await WriteHeaderAsync(destination, new ChunkAudioHeader(sampleRate, samples.Length), cancellationToken);
        var bytes = ArrayPool<byte>.Shared.Rent(BlockSamples * sizeof(short));
        var block = ArrayPool<short>.Shared.Rent(BlockSamples);
        try
        {
            while (!samples.IsEmpty)
            {
                var count = Math.Min(samples.Length, BlockSamples);
                PcmConversion.ToInt16(samples.Span[..count], block);
                PcmConversion.ToLittleEndianBytes(block.AsSpan(0, count), bytes);
                await destination.WriteAsync(bytes.AsMemory(0, count * sizeof(short)), cancellationToken);
                samples = samples[count..];
            }
        }
        finally
        {
            ArrayPool<short>.Shared.Return(block);
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>Writes 16-bit samples in the stored form.</summary>
    public static async Task WriteAsync(Stream destination, ReadOnlyMemory<short> samples, int sampleRate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        await WriteHeaderAsync(destination, new ChunkAudioHeader(sampleRate, samples.Length), cancellationToken);
        var bytes = ArrayPool<byte>.Shared.Rent(BlockSamples * sizeof(short));
        try
        {
            while (!samples.IsEmpty)
            {
                var count = Math.Min(samples.Length, BlockSamples);
                PcmConversion.ToLittleEndianBytes(samples.Span[..count], bytes);
                await destination.WriteAsync(bytes.AsMemory(0, count * sizeof(short)), cancellationToken);
                samples = samples[count..];
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>Reads a whole stored chunk (header, samples, nothing after them).</summary>
    /// <exception cref="ChunkAudioFormatException">The stream does not hold exactly one well-formed chunk.</exception>
    public static async Task<ChunkAudio> ReadAsync(Stream source, CancellationToken cancellationToken)
    {
        var header = await ReadHeaderAsync(source, cancellationToken);
        var samples = new short[header.SampleCount];
        await ReadSamplesAsync(source, header, (block, offset) =>
        {
            block.CopyTo(samples.AsMemory(offset));
            return ValueTask.CompletedTask;
        }, cancellationToken);
        return new ChunkAudio(header.SampleRate, samples);
    }

    /// <summary>
    /// Reads and checks the header only, leaving <paramref name="source"/> at the first sample. On a seekable stream
    /// it also checks that all the samples the header announces are there.
    /// </summary>
    /// <exception cref="ChunkAudioFormatException">The header is missing, corrupt, or announces more than the stream holds.</exception>
    public static async Task<ChunkAudioHeader> ReadHeaderAsync(Stream source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var bytes = new byte[HeaderSize];
        var read = await source.ReadAtLeastAsync(bytes, HeaderSize, throwOnEndOfStream: false, cancellationToken);
        var header = ChunkAudioHeader.Read(bytes.AsSpan(0, read));
        if (source.CanSeek && source.Length - source.Position < header.PayloadLength)
        {
            throw Truncated(header, source.Length - source.Position);
        }

        return header;
    }

    /// <summary>
    /// Streams a stored chunk's samples into <paramref name="destination"/> a block at a time, without holding the
    /// chunk in memory, and returns its header.
    /// </summary>
    /// <exception cref="ChunkAudioFormatException">
    /// The chunk is malformed, or at a sample rate other than the encoder's (all chunks of a file must share one).
    /// </exception>
    public static async Task<ChunkAudioHeader> CopySamplesAsync(Stream source, IAudioStreamEncoder destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var header = await ReadHeaderAsync(source, cancellationToken);
        if (header.SampleRate != destination.InputSampleRate)
        {
            throw new ChunkAudioFormatException(
                $"The chunk is at {header.SampleRate} Hz but the encoder takes {destination.InputSampleRate} Hz.");
        }

        await ReadSamplesAsync(source, header, (block, _) => destination.WriteAsync(block, cancellationToken), cancellationToken);
        return header;
    }

    private static async Task WriteHeaderAsync(Stream destination, ChunkAudioHeader header, CancellationToken cancellationToken)
    {
        var bytes = new byte[HeaderSize];
        header.WriteTo(bytes);
        await destination.WriteAsync(bytes, cancellationToken);
    }

    private static async Task ReadSamplesAsync(
        Stream source,
        ChunkAudioHeader header,
        Func<ReadOnlyMemory<short>, int, ValueTask> onBlock,
        CancellationToken cancellationToken)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(BlockSamples * sizeof(short));
        var block = ArrayPool<short>.Shared.Rent(BlockSamples);
        try
        {
            var offset = 0;
            while (offset < header.SampleCount)
            {
                var count = Math.Min(header.SampleCount - offset, BlockSamples);
                var wanted = count * sizeof(short);
                var read = await source.ReadAtLeastAsync(bytes.AsMemory(0, wanted), wanted, throwOnEndOfStream: false, cancellationToken);
                if (read < wanted)
                {
                    throw Truncated(header, (offset * (long)sizeof(short)) + read);
                }

                PcmConversion.FromLittleEndianBytes(bytes.AsSpan(0, wanted), block);
                await onBlock(block.AsMemory(0, count), offset);
                offset += count;
            }

            if (await source.ReadAsync(bytes.AsMemory(0, 1), cancellationToken) > 0)
            {
                throw new ChunkAudioFormatException(
                    $"Chunk audio is corrupt: there are bytes after the {header.SampleCount} samples its header announces.");
            }
        }
        finally
        {
            ArrayPool<short>.Shared.Return(block);
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static ChunkAudioFormatException Truncated(ChunkAudioHeader header, long available) =>
        new($"Chunk audio is truncated: the header announces {header.SampleCount} samples ({header.PayloadLength} bytes) " +
            $"but only {available} bytes follow it.");
}
