namespace AutoScale.Audio.Tests;

/// <summary>Resampling from eSpeak's 22,050 Hz to the 24 kHz OpenAI's speech API promises, through the encoders.</summary>
public sealed class ResamplerTests
{
    private const int From = 22050;
    private const int To = 24000;

    [NeedsFact("soxr")]
    public async Task A_tones_frequency_phase_and_duration_survive_resampling()
    {
        const double Frequency = 1000;
        var samples = Signals.SineInt16(From, 10, Frequency);

        var resampled = await ResampleAsync(samples, writeSizes: []);

        Assert.Equal((long)Math.Round(samples.Length * (double)To / From), resampled.Length);

        // Not only the frequency: sample for sample the ideal tone at the new rate, so nothing is delayed either.
        var ideal = Signals.Sine(To, 10, Frequency);
        var error = 0f;
        for (var i = To / 10; i < resampled.Length - (To / 10); i++)
        {
            error = Math.Max(error, Math.Abs(resampled[i] - ideal[i]));
        }

        Assert.True(error < 0.002f, $"The resampled tone is off the ideal one by up to {error}.");
        var binWidth = (double)To / resampled.Length;
        Assert.InRange(Signals.ZeroCrossingFrequency(resampled, To), Frequency - binWidth, Frequency + binWidth);
    }

    [NeedsFact("soxr")]
    public async Task Block_boundaries_leave_no_click()
    {
        const double Frequency = 440;
        var samples = Signals.SineInt16(From, 5, Frequency);

        var whole = await ResampleAsync(samples, writeSizes: []);
        var pieces = await ResampleAsync(samples, writeSizes: [1, 7, 113, 441, 4097, 5000, 22050]);

        Assert.Equal(whole, pieces);

        // The steepest a 0.5 sine gets between two samples, and one 16-bit step for rounding; away from the ends,
        // where the tone starts and stops abruptly and the filter rings as it should.
        var steepest = (0.5 * 2 * Math.PI * Frequency / To) + (2.0 / 32768);
        for (var i = To / 100; i < pieces.Length - (To / 100); i++)
        {
            Assert.True(Math.Abs(pieces[i] - pieces[i - 1]) <= steepest, $"A jump of {pieces[i] - pieces[i - 1]} at sample {i}.");
        }
    }

    [NeedsFact("soxr")]
    public async Task The_encoder_counts_the_samples_written_and_reports_the_rate_of_the_file()
    {
        using var output = new MemoryStream();
        await using var encoder = AudioEncoders.Create(AudioFormat.Wav, From, output, totalSamples: From, outputSampleRate: To);

        await encoder.WriteAsync(Signals.SineInt16(From, 1));
        await encoder.CompleteAsync();

        Assert.Equal(To, encoder.SampleRate);
        Assert.Equal(From, encoder.SamplesWritten);
        Assert.Equal(WavLayout.Header(To, To), output.ToArray()[..WavLayout.HeaderSize]);
        Assert.Equal(WavLayout.FileLength(To), output.Length);
    }

    [NeedsFact("soxr")]
    public async Task A_promised_total_is_checked_at_the_input_rate()
    {
        await using var encoder = AudioEncoders.Create(AudioFormat.Pcm, From, new MemoryStream(), totalSamples: 1000, outputSampleRate: To);
        await encoder.WriteAsync(new short[999]);

        var broken = await Assert.ThrowsAsync<InvalidOperationException>(() => encoder.CompleteAsync().AsTask());

        Assert.Contains("announced with 1000 samples but 999", broken.Message);
    }

    [Fact]
    public async Task The_same_rate_is_no_resampling()
    {
        var samples = Signals.Noise(5000, seed: 8);

        var same = await Encode.ToBytesAsync(AudioFormat.Pcm, From, samples, outputSampleRate: From);

        Assert.Equal(Signals.LittleEndian(samples), same);
    }

    [NeedsFact("soxr")]
    public void Soxr_gives_out_the_due_length_within_a_sample_once_flushed()
    {
        var input = Signals.Sine(From, 3.3);
        using var resampler = new SoxrResampler(From, To);

        var produced = 0;
        foreach (var block in input.Chunk(1000))
        {
            produced += resampler.Process(block).Length;
        }

        produced += resampler.Finish().Length;

        Assert.InRange(produced, resampler.OutputLength(input.Length) - 1, resampler.OutputLength(input.Length) + 1);
    }

    private static async Task<float[]> ResampleAsync(short[] samples, int[] writeSizes)
    {
        var bytes = await Encode.ToBytesAsync(AudioFormat.Pcm, From, samples, samples.Length, outputSampleRate: To, writeSizes: writeSizes);
        var resampled = new short[bytes.Length / 2];
        PcmConversion.FromLittleEndianBytes(bytes, resampled);
        var floats = new float[resampled.Length];
        PcmConversion.ToFloat(resampled, floats);
        return floats;
    }
}
