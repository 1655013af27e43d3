using System.Buffers;

namespace AutoScale.Audio;

/// <summary>Raw 16-bit little-endian samples, no header.</summary>
internal class PcmStreamEncoder : AudioStreamEncoder
{
    private const int BlockSamples = 8192;
    private byte[]? _bytes;

    public PcmStreamEncoder(int sampleRate, Stream output, long? totalSamples)
        : this(AudioFormat.Pcm, sampleRate, output, totalSamples)
    {
    }

    protected PcmStreamEncoder(AudioFormat format, int sampleRate, Stream output, long? totalSamples)
        : base(format, sampleRate, output, totalSamples)
    {
    }

    protected override async ValueTask WriteCoreAsync(ReadOnlyMemory<short> samples, CancellationToken cancellationToken)
    {
        _bytes ??= ArrayPool<byte>.Shared.Rent(BlockSamples * sizeof(short));
        while (!samples.IsEmpty)
        {
            var count = Math.Min(samples.Length, BlockSamples);
            PcmConversion.ToLittleEndianBytes(samples.Span[..count], _bytes);
            await Output.WriteAsync(_bytes.AsMemory(0, count * sizeof(short)), cancellationToken);
            samples = samples[count..];
        }
    }

    protected override ValueTask ReleaseAsync()
    {
        if (_bytes is not null)
        {
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = null;
        }

        return ValueTask.CompletedTask;
    }
}
