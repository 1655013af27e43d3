using AutoScale.Engines.Kokoro.Model;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Tests.Text;

/// <summary>Shrunk sizes and a padded two-item batch (lengths 7 and 4) shared by the forward tests.</summary>
internal static class SmallTextModels
{
    public const int Steps = 7;
    public const int ShortLength = 4;

    public static KokoroConfig Config { get; } = new()
    {
        TokenCount = 20,
        HiddenDim = 32,
        StyleDim = 8,
        LayerCount = 2,
        MaxDuration = 6,
        TextEncoderKernelSize = 5,
        PlBert = new PlBertConfig { HiddenSize = 16, AttentionHeads = 2, IntermediateSize = 24, HiddenLayers = 2, MaxPositions = 32, EmbeddingSize = 8 },
    };

    /// <summary>Token ids <c>[2, 7]</c>: the second row has 4 real tokens and then padding ids that are not 0 on purpose.</summary>
    public static Tensor Ids() => tensor(new long[,] { { 0, 3, 5, 7, 9, 11, 0 }, { 0, 13, 2, 0, 19, 19, 19 } });

    public static Tensor Lengths() => tensor(new long[] { Steps, ShortLength });

    /// <summary><c>[2, 7]</c> bool, true at padding.</summary>
    public static Tensor PaddingMask() => arange(Steps).unsqueeze(0) >= Lengths().unsqueeze(1);
}
