namespace AutoScale.Audio;

/// <summary>
/// A streaming mono resampler on libsoxr, float in and float out. Its filter state carries over from one
/// <see cref="Process"/> to the next, so however the input is cut into blocks the output is one continuous signal,
/// without clicks at the cuts; <see cref="Finish"/> then gives out the filter's tail.
/// </summary>
/// <remarks>
/// Quality <c>SOXR_HQ</c>, linear phase: 20-bit precision (a stopband below what 16-bit output can hold), flat to
/// 91.3% of the lower Nyquist frequency (0.01 dB rolloff). That is libsoxr's own default and costs a fraction of what
/// the encoders after it do (see <c>AutoScale.Bench encoders</c>); very high quality would buy nothing audible.
/// Linear phase keeps speech's waveform, and soxr removes the filter's delay, so the output starts with the input.
/// Not thread-safe.
/// </remarks>
internal sealed unsafe class SoxrResampler : IDisposable
{
    private readonly SoxrHandle _handle;
    private float[] _output;

    public SoxrResampler(int inputRate, int outputRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputRate, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputRate, 1);
        _ = AudioDependency.Soxr.Location;
        InputRate = inputRate;
        OutputRate = outputRate;
        var io = SoxrNative.IoSpec(SoxrNative.Float32Interleaved, SoxrNative.Float32Interleaved);
        var quality = SoxrNative.QualitySpec(new(SoxrNative.HighQuality), new(SoxrNative.LinearPhase));
        byte* error = null;

        // No runtime spec: soxr's default is one thread, which is what a server encoding many streams wants.
        _handle = SoxrNative.Create(inputRate, outputRate, 1, &error, &io, &quality, null);
        if (error != null || _handle.IsInvalid)
        {
            _handle.Dispose();
            SoxrNative.Check(error, "soxr_create");
            throw new InvalidOperationException("libsoxr's soxr_create returned no resampler.");
        }

        _output = new float[(int)OutputLength(4096) + 1024];
    }

    public int InputRate { get; }

    public int OutputRate { get; }

    /// <summary>
    /// How many samples <paramref name="inputSamples"/> become: their duration at the output rate, rounded to the
    /// nearest sample. What a caller gives out in the end, cutting or padding the filter's tail to it.
    /// </summary>
    public long OutputLength(long inputSamples) => ((inputSamples * OutputRate) + (InputRate / 2)) / InputRate;

    /// <summary>
    /// Resamples <paramref name="input"/>. The output lags the input by part of the filter's length; the samples
    /// returned stay valid until the next call.
    /// </summary>
    public ReadOnlyMemory<float> Process(ReadOnlySpan<float> input)
    {
        if (input.IsEmpty)
        {
            return ReadOnlyMemory<float>.Empty;
        }

        var produced = 0;
        fixed (float* start = input)
        {
            var consumed = 0;
            while (true)
            {
                var (used, made) = Run(start + consumed, input.Length - consumed, produced);
                consumed += used;
                produced += made;
                if (consumed == input.Length && produced < _output.Length)
                {
                    return _output.AsMemory(0, produced);
                }

                if (used == 0 && made == 0)
                {
                    throw new InvalidOperationException("libsoxr stopped taking samples.");
                }
            }
        }
    }

    /// <summary>Ends the input: returns the rest of the output, valid until the next call. Nothing may follow.</summary>
    public ReadOnlyMemory<float> Finish()
    {
        var produced = 0;
        while (true)
        {
            var (_, made) = Run(null, 0, produced);
            produced += made;
            if (made == 0)
            {
                return _output.AsMemory(0, produced);
            }
        }
    }

    public void Dispose() => _handle.Dispose();

    /// <summary>One <c>soxr_process</c> into <see cref="_output"/> after <paramref name="produced"/> samples, grown when full.</summary>
    private (int Used, int Made) Run(float* input, int length, int produced)
    {
        if (produced == _output.Length)
        {
            Array.Resize(ref _output, _output.Length * 2);
        }

        nuint used = 0, made = 0;
        fixed (float* output = _output)
        {
            SoxrNative.Check(
                SoxrNative.Process(_handle, input, (nuint)length, &used, output + produced, (nuint)(_output.Length - produced), &made),
                "soxr_process");
        }

        return ((int)used, (int)made);
    }
}
