namespace AutoScale.Audio;

/// <summary>
/// A <see cref="WavLayout"/> file: the header, then the samples as <see cref="PcmStreamEncoder"/> writes them. With
/// no known length the header has the streaming sizes; if the output can seek, completion then writes the real ones.
/// </summary>
internal sealed class WavStreamEncoder : PcmStreamEncoder
{
    private long? _headerPosition;

    public WavStreamEncoder(int sampleRate, Stream output, long? totalSamples)
        : base(AudioFormat.Wav, sampleRate, output, totalSamples)
    {
        if (totalSamples is { } total)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(total, WavLayout.MaxSampleCount, nameof(totalSamples));
        }
    }

    protected override async ValueTask StartAsync(CancellationToken cancellationToken)
    {
        _headerPosition = Output.CanSeek ? Output.Position : null;
        await Output.WriteAsync(WavLayout.Header(SampleRate, TotalSamples), cancellationToken);
    }

    protected override ValueTask WriteCoreAsync(ReadOnlyMemory<short> samples, CancellationToken cancellationToken)
    {
        if (TotalSamples is null && SamplesWritten + samples.Length > WavLayout.MaxSampleCount)
        {
            throw new InvalidOperationException($"A WAV file holds at most {WavLayout.MaxSampleCount} samples.");
        }

        return base.WriteCoreAsync(samples, cancellationToken);
    }

    protected override async ValueTask CompleteCoreAsync(CancellationToken cancellationToken)
    {
        if (TotalSamples is not null || _headerPosition is not { } headerPosition)
        {
            return;
        }

        var end = Output.Position;
        Output.Position = headerPosition;
        await Output.WriteAsync(WavLayout.Header(SampleRate, SamplesWritten), cancellationToken);
        Output.Position = end;
    }
}
