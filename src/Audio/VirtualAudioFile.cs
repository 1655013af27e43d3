using System.Buffers;

namespace AutoScale.Audio;

/// <summary>
/// A WAV or PCM file that exists only as its stored chunks: its <see cref="Header"/> (44 bytes of
/// <see cref="WavLayout"/> for WAV, none for PCM) followed by every chunk's sample bytes in order, which are stored
/// verbatim after each <see cref="ChunkAudio"/> header. Knowing only each chunk's sample count, it gives the exact
/// <see cref="Length"/> (for Content-Length) and maps any byte range to header bytes and chunk bytes (for HTTP
/// Range), so a range is served by copying bytes rather than encoding the file. The bytes are identical to what
/// <see cref="AudioEncoders.Create"/> writes with the total length known.
/// </summary>
/// <remarks>
/// Every chunk of the file must be done, since the sizes are in the header; while a job still runs, stream it with
/// an encoder and no total instead.
/// </remarks>
public sealed class VirtualAudioFile
{
    private const int CopyBufferSize = 64 * 1024;

    private readonly byte[] _header;
    private readonly int[] _chunkSampleCounts;

    /// <summary>Where each chunk's samples begin in the file; one more entry, the file's length, closes the last.</summary>
    private readonly long[] _chunkStarts;

    /// <param name="format"><see cref="AudioFormat.Wav"/> or <see cref="AudioFormat.Pcm"/>.</param>
    /// <param name="sampleRate">The rate of every chunk, in Hz.</param>
    /// <param name="chunkSampleCounts">Each chunk's sample count (<see cref="ChunkAudioHeader.SampleCount"/>), in order.</param>
    public VirtualAudioFile(AudioFormat format, int sampleRate, IReadOnlyList<int> chunkSampleCounts)
    {
        ArgumentNullException.ThrowIfNull(chunkSampleCounts);
        if (!format.HasExactLength)
        {
            throw new ArgumentException($"The length of a {format.WireName} file is not known before encoding it.", nameof(format));
        }

        Format = format;
        SampleRate = sampleRate;
        _chunkSampleCounts = [.. chunkSampleCounts];
        _chunkStarts = new long[_chunkSampleCounts.Length + 1];
        var samples = 0L;
        for (var i = 0; i < _chunkSampleCounts.Length; i++)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(_chunkSampleCounts[i], nameof(chunkSampleCounts));
            samples += _chunkSampleCounts[i];
        }

        SampleCount = samples;
        _header = format == AudioFormat.Wav ? WavLayout.Header(sampleRate, samples) : [];
        var start = (long)_header.Length;
        for (var i = 0; i < _chunkSampleCounts.Length; i++)
        {
            _chunkStarts[i] = start;
            start += _chunkSampleCounts[i] * (long)sizeof(short);
        }

        _chunkStarts[^1] = start;
        Length = start;
    }

    public AudioFormat Format { get; }

    public int SampleRate { get; }

    public int ChunkCount => _chunkSampleCounts.Length;

    public long SampleCount { get; }

    /// <summary>The file's exact length in bytes.</summary>
    public long Length { get; }

    /// <summary>The bytes before the first sample.</summary>
    public ReadOnlyMemory<byte> Header => _header;

    /// <summary>Where chunk <paramref name="chunk"/>'s first sample byte is in the file.</summary>
    public long ChunkOffset(int chunk)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(chunk);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(chunk, ChunkCount);
        return _chunkStarts[chunk];
    }

    /// <summary>The stored bytes that make up <paramref name="length"/> bytes of the file from <paramref name="offset"/>, in order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is not inside the file.</exception>
    public IReadOnlyList<VirtualAudioSegment> Map(long offset, long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, Length - offset);

        var segments = new List<VirtualAudioSegment>();
        var position = offset;
        var end = offset + length;
        if (position < _header.Length && position < end)
        {
            var count = Math.Min(end, _header.Length) - position;
            segments.Add(new VirtualAudioSegment(null, position, count));
            position += count;
        }

        for (var chunk = position < end ? ChunkAt(position) : ChunkCount; position < end; chunk++)
        {
            var count = Math.Min(end, _chunkStarts[chunk + 1]) - position;
            if (count > 0)
            {
                segments.Add(new VirtualAudioSegment(chunk, ChunkAudio.HeaderSize + position - _chunkStarts[chunk], count));
                position += count;
            }
        }

        return segments;
    }

    /// <summary>
    /// Writes <paramref name="length"/> bytes of the file from <paramref name="offset"/> to
    /// <paramref name="destination"/>, opening only the chunks the range touches. Each chunk's header is checked
    /// against the layout first.
    /// </summary>
    /// <param name="offset">The first byte of the range.</param>
    /// <param name="length">How many bytes.</param>
    /// <param name="openChunk">Opens the stored artifact of a chunk (by index) for reading; the stream is disposed here.</param>
    /// <param name="destination">Where the bytes go.</param>
    /// <param name="cancellationToken">Stops the copy.</param>
    /// <exception cref="ChunkAudioFormatException">A chunk is not what the layout says (rate, sample count) or is truncated.</exception>
    public async Task CopyRangeAsync(
        long offset,
        long length,
        Func<int, CancellationToken, Task<Stream>> openChunk,
        Stream destination,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(openChunk);
        ArgumentNullException.ThrowIfNull(destination);
        var segments = Map(offset, length);
        byte[]? buffer = null;
        try
        {
            foreach (var segment in segments)
            {
                if (segment.Chunk is not { } chunk)
                {
                    await destination.WriteAsync(_header.AsMemory((int)segment.Offset, (int)segment.Length), cancellationToken);
                    continue;
                }

                buffer ??= ArrayPool<byte>.Shared.Rent(CopyBufferSize);
                await using var source = await openChunk(chunk, cancellationToken);
                await CopyChunkAsync(chunk, segment, source, destination, buffer, cancellationToken);
            }
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>Writes the whole file (<see cref="CopyRangeAsync"/> over <see cref="Length"/> bytes).</summary>
    public Task CopyToAsync(Func<int, CancellationToken, Task<Stream>> openChunk, Stream destination, CancellationToken cancellationToken) =>
        CopyRangeAsync(0, Length, openChunk, destination, cancellationToken);

    private async Task CopyChunkAsync(
        int chunk,
        VirtualAudioSegment segment,
        Stream source,
        Stream destination,
        byte[] buffer,
        CancellationToken cancellationToken)
    {
        var header = await ChunkAudio.ReadHeaderAsync(source, cancellationToken);
        if (header.SampleRate != SampleRate || header.SampleCount != _chunkSampleCounts[chunk])
        {
            throw new ChunkAudioFormatException(
                $"Chunk {chunk} holds {header.SampleCount} samples at {header.SampleRate} Hz but the file was laid out " +
                $"for {_chunkSampleCounts[chunk]} at {SampleRate} Hz.");
        }

        var skip = segment.Offset - ChunkAudio.HeaderSize;
        if (source.CanSeek)
        {
            source.Position += skip;
            skip = 0;
        }

        for (var remaining = skip + segment.Length; remaining > 0;)
        {
            var wanted = (int)Math.Min(remaining, buffer.Length);
            var read = await source.ReadAsync(buffer.AsMemory(0, wanted), cancellationToken);
            if (read == 0)
            {
                throw new ChunkAudioFormatException($"Chunk {chunk} ended before the {header.SampleCount} samples its header announces.");
            }

            var skipped = (int)Math.Min(skip, read);
            skip -= skipped;
            await destination.WriteAsync(buffer.AsMemory(skipped, read - skipped), cancellationToken);
            remaining -= read;
        }
    }

    /// <summary>The chunk whose samples hold byte <paramref name="position"/> (past the header, before the end).</summary>
    private int ChunkAt(long position)
    {
        // The last start at or before the position; empty chunks share their start with the next one and so lose.
        int low = 0, high = ChunkCount - 1;
        while (low < high)
        {
            var middle = low + ((high - low + 1) / 2);
            if (_chunkStarts[middle] <= position)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low;
    }
}
