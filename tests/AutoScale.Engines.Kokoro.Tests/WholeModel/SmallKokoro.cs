using AutoScale.Engines.Kokoro.Model;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Tests.WholeModel;

/// <summary>A whole Kokoro model small enough for unit tests: every module of the real one, few channels.</summary>
internal static class SmallKokoro
{
    public static readonly KokoroConfig Config = new()
    {
        HiddenDim = 32,
        StyleDim = 16,
        PlBert = new PlBertConfig { HiddenSize = 32, AttentionHeads = 2, IntermediateSize = 64, HiddenLayers = 2, EmbeddingSize = 16, MaxPositions = 64 },
        IstftNet = new IstftNetConfig { UpsampleInitialChannel = 32 },
    };

    /// <summary>Random weights from <paramref name="seed"/>, in eval mode.</summary>
    public static KokoroModel Model(int seed, bool stochasticSource)
    {
        manual_seed(seed);
        var model = new KokoroModel(Config, decoderEncodeChannels: 48, decoderResidualChannels: 8, stochasticSource: stochasticSource);
        model.eval();
        return model;
    }
}
