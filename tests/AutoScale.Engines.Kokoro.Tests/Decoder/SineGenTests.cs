using AutoScale.Engines.Kokoro.Model.Decoder;
using static TorchSharp.torch;
using RandomSource = TorchSharp.torch.Generator;

namespace AutoScale.Engines.Kokoro.Tests.Decoder;

public sealed class SineGenTests
{
    private const int SampleRate = 24_000;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_constant_f0_peaks_at_f0_and_each_harmonic_at_its_multiple(bool stochastic)
    {
        using var scope = NewDisposeScope();
        using var random = new RandomSource(11);
        var sineGen = new SineGen(SampleRate, 300, harmonicNum: 8, voicedThreshold: 10, stochastic: stochastic);
        // One second, so FFT bins are 1 Hz apart.
        var f0 = full(1, SampleRate, 1, 220.0f);

        var sines = sineGen.forward(f0, random);

        Assert.Equal([1L, SampleRate, 9], sines.shape);
        var spectrum = fft.rfft(sines[0].T, dim: 1).abs();
        var peaks = spectrum.argmax(1).data<long>().ToArray();
        for (var h = 0; h < 9; h++)
        {
            Assert.InRange(peaks[h], 220 * (h + 1) - 1, 220 * (h + 1) + 1);
        }
    }

    [Fact]
    public void Unvoiced_frames_carry_only_noise_of_a_third_of_the_sine_amplitude()
    {
        using var scope = NewDisposeScope();
        using var random = new RandomSource(5);
        var sineGen = new SineGen(SampleRate, 300, harmonicNum: 8, voicedThreshold: 10);

        var sines = sineGen.forward(zeros(1, 30_000, 1), random);

        Assert.InRange(sines.std().item<float>(), 0.1f / 3 * 0.95f, 0.1f / 3 * 1.05f);
        Assert.Equal(0, new SineGen(SampleRate, 300, 8, voicedThreshold: 10, stochastic: false).forward(zeros(1, 3000, 1), random).abs().max().item<float>());
    }

    [Fact]
    public void A_batch_of_f0_curves_gives_each_curve_its_own_sines()
    {
        using var scope = NewDisposeScope();
        var sineGen = new SineGen(SampleRate, 300, harmonicNum: 8, voicedThreshold: 10, stochastic: false);
        var f0 = cat([full(1, 3000, 1, 150.0f), full(1, 3000, 1, 0.0f)], dim: 0);

        using var random = new RandomSource(0);

        var batched = sineGen.forward(f0, random);

        Assert.True(allclose(batched[0..1], sineGen.forward(f0[0..1], random), rtol: 0, atol: 1e-7));
        Assert.Equal(0, batched[1].abs().max().item<float>());
    }
}
