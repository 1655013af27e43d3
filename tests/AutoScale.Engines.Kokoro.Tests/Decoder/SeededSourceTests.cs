using AutoScale.Engines.Kokoro.Model.Decoder;
using static TorchSharp.torch;
using RandomSource = TorchSharp.torch.Generator;

namespace AutoScale.Engines.Kokoro.Tests.Decoder;

public sealed class SeededSourceTests
{
    [Fact]
    public void The_same_seed_gives_the_same_source_and_another_seed_a_different_one()
    {
        using var scope = NewDisposeScope();
        var source = new SourceModuleHnNSF(24_000, 300, harmonicNum: 8, voicedThreshold: 10);
        var f0 = full(1, 3000, 1, 180.0f);
        using var seeded42 = new RandomSource(42);
        using var again42 = new RandomSource(42);
        using var seeded43 = new RandomSource(43);

        var first = source.forward(f0, seeded42);
        rand(100); // a draw from the global generator in between must not matter
        var second = source.forward(f0, again42);
        var third = source.forward(f0, seeded43);

        Assert.Equal([1L, 3000, 1], first.shape);
        Assert.True(allclose(first, second, rtol: 0, atol: 0));
        Assert.False(allclose(first, third, rtol: 0, atol: 0));
    }

    [Fact]
    public void The_decoder_gives_the_same_audio_whatever_the_global_generator_holds()
    {
        using var scope = NewDisposeScope();
        manual_seed(6);
        var decoder = SmallDecoder.Create(stochasticSource: true);
        decoder.eval();
        var (asr, f0, n, style) = SmallDecoder.Inputs(1, 4);

        manual_seed(100);
        var first = decoder.forward(asr, f0, n, style);
        manual_seed(101);
        var second = decoder.forward(asr, f0, n, style);

        Assert.True(allclose(first, second, rtol: 0, atol: 0));
    }
}
