using Generator = AutoScale.Engines.Kokoro.Model.Decoder.Generator;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Tests.Decoder;

public sealed class DecoderForwardTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void The_decoder_makes_600_samples_per_frame(long frames)
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        var decoder = SmallDecoder.Create(stochasticSource: true);
        decoder.eval();
        var (asr, f0, n, style) = SmallDecoder.Inputs(1, frames);

        var audio = decoder.forward(asr, f0, n, style);

        Assert.Equal([1L, 600 * frames], audio.shape);
        Assert.True(audio.isfinite().all().item<bool>());
    }

    [Fact]
    public void The_generator_makes_300_samples_per_f0_frame()
    {
        using var scope = NewDisposeScope();
        manual_seed(2);
        var generator = new Generator(SmallDecoder.Config);
        generator.eval();

        var audio = generator.forward(randn(2, 16, 10), randn(2, 8), rand(2, 10) * 300);

        Assert.Equal([2L, 3000], audio.shape);
    }

    [Fact]
    public void A_batch_of_two_equals_each_item_decoded_alone()
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        var decoder = SmallDecoder.Create(stochasticSource: false);
        decoder.eval();
        // A silent source: the STFT phase of a near-zero bin is rounding noise (upstream takes angle() of it), so any
        // harmonic source makes batched and single runs differ by more than rounding. The source alone is compared in SineGenTests.
        using (no_grad())
        {
            foreach (var p in decoder.named_parameters().Where(p => p.name.StartsWith("generator.m_source.l_linear.", StringComparison.Ordinal)))
            {
                p.parameter.zero_();
            }
        }
        var (asr, f0, n, style) = SmallDecoder.Inputs(2, 5);

        var batched = decoder.forward(asr, f0, n, style);

        for (var b = 0; b < 2; b++)
        {
            var alone = decoder.forward(asr[b..(b + 1)], f0[b..(b + 1)], n[b..(b + 1)], style[b..(b + 1)]);
            // float32 rounding grows with the sizes summed, not with each sample: near-zero samples of a signal peaking
            // at ~18 differed by 4.4e-5 once (batched and single convolutions split their sums differently), so the
            // absolute tolerance is relative to the signal's peak; one item leaking into the other would be of its order.
            var peak = alone.abs().max().item<float>();
            Assert.True(allclose(batched[b..(b + 1)], alone, rtol: 1e-4, atol: 1e-5 * Math.Max(1, peak)),
                $"item {b}: max difference {(batched[b..(b + 1)] - alone).abs().max().item<float>()} of {peak}");
        }
    }
}
