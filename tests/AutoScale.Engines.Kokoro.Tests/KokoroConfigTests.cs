using AutoScale.Engines.Kokoro.Model;
using AutoScale.Testing;

namespace AutoScale.Engines.Kokoro.Tests;

public sealed class KokoroConfigTests
{
    [SharedDataFact("kokoro-v1_0-config.json")]
    public void The_official_config_reads_with_the_sizes_the_defaults_assume_and_its_114_phonemes()
    {
        var config = KokoroConfig.Load(SharedData.PathOf("kokoro-v1_0-config.json"));

        var defaults = new KokoroConfig();
        Assert.Equal(
            (defaults.TokenCount, defaults.HiddenDim, defaults.StyleDim, defaults.LayerCount, defaults.MaxDuration, defaults.TextEncoderKernelSize),
            (config.TokenCount, config.HiddenDim, config.StyleDim, config.LayerCount, config.MaxDuration, config.TextEncoderKernelSize));
        Assert.Equal(defaults.PlBert, config.PlBert);
        Assert.Equal(defaults.IstftNet.UpsampleRates, config.IstftNet.UpsampleRates);
        Assert.Equal(defaults.IstftNet.UpsampleKernelSizes, config.IstftNet.UpsampleKernelSizes);
        Assert.Equal(defaults.IstftNet.ResblockKernelSizes, config.IstftNet.ResblockKernelSizes);
        Assert.Equal(defaults.IstftNet.ResblockDilationSizes.SelectMany(d => d), config.IstftNet.ResblockDilationSizes.SelectMany(d => d));
        Assert.Equal(
            (defaults.IstftNet.UpsampleInitialChannel, defaults.IstftNet.IstftFftSize, defaults.IstftNet.IstftHopSize),
            (config.IstftNet.UpsampleInitialChannel, config.IstftNet.IstftFftSize, config.IstftNet.IstftHopSize));
        Assert.Equal(114, config.Vocabulary.Count);
        Assert.All(config.Vocabulary, entry => Assert.InRange(entry.Value, 1, config.TokenCount - 1));
    }
}
