namespace AutoScale.Audio;

/// <summary>
/// Resamples with <see cref="SoxrResampler"/> in front of another encoder: the samples written are at
/// <see cref="InputSampleRate"/>, the file is at <see cref="IAudioStreamEncoder.SampleRate"/>, the inner encoder's.
/// The inner encoder gets exactly <see cref="SoxrResampler.OutputLength"/> of the samples written, the filter's tail
/// cut or padded with silence to it at completion, so that a promised total holds at both rates.
/// </summary>
internal sealed class ResamplingStreamEncoder : AudioStreamEncoder
{
    private const int BlockSamples = 4096;

    private readonly IAudioStreamEncoder _inner;
    private readonly SoxrResampler _resampler;
    private readonly float[] _block = new float[BlockSamples];
    private long _resampled;

    /// <param name="inner">
    /// The encoder at the output rate, writing to <paramref name="output"/>, promised
    /// <see cref="SoxrResampler.OutputLength"/> of <paramref name="totalSamples"/>. Owned from now on.
    /// </param>
    /// <param name="resampler">From the input rate to the inner encoder's; owned from now on.</param>
    /// <param name="output">The inner encoder's output, flushed after it.</param>
    /// <param name="totalSamples">The samples that will be written, at the input rate, when known.</param>
    public ResamplingStreamEncoder(IAudioStreamEncoder inner, SoxrResampler resampler, Stream output, long? totalSamples)
        : base(inner.Format, inner.SampleRate, output, totalSamples)
    {
        _inner = inner;
        _resampler = resampler;
    }

    /// <summary>The rate of the samples written; <see cref="AudioStreamEncoder.SamplesWritten"/> counts them.</summary>
    public override int InputSampleRate => _resampler.InputRate;

    protected override async ValueTask WriteCoreAsync(ReadOnlyMemory<short> samples, CancellationToken cancellationToken)
    {
        var written = SamplesWritten;
        while (!samples.IsEmpty)
        {
            var count = Math.Min(samples.Length, BlockSamples);
            PcmConversion.ToFloat(samples.Span[..count], _block);
            written += count;
            await PassOnAsync(_resampler.Process(_block.AsSpan(0, count)), written, cancellationToken);
            samples = samples[count..];
        }
    }

    protected override ValueTask FlushCoreAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    protected override async ValueTask CompleteCoreAsync(CancellationToken cancellationToken)
    {
        await PassOnAsync(_resampler.Finish(), SamplesWritten, cancellationToken);
        Array.Clear(_block);
        for (var missing = _resampler.OutputLength(SamplesWritten) - _resampled; missing > 0; missing -= BlockSamples)
        {
            await PassOnAsync(_block.AsMemory(0, (int)Math.Min(missing, BlockSamples)), SamplesWritten, cancellationToken);
        }

        await _inner.CompleteAsync(cancellationToken);
    }

    protected override async ValueTask ReleaseAsync()
    {
        _resampler.Dispose();
        await _inner.DisposeAsync();
    }

    /// <summary>Writes what the resampler gave, never beyond what <paramref name="written"/> input samples are due.</summary>
    private async ValueTask PassOnAsync(ReadOnlyMemory<float> resampled, long written, CancellationToken cancellationToken)
    {
        var due = (int)Math.Min(resampled.Length, _resampler.OutputLength(written) - _resampled);
        if (due > 0)
        {
            await _inner.WriteAsync(resampled[..due], cancellationToken);
            _resampled += due;
        }
    }
}
