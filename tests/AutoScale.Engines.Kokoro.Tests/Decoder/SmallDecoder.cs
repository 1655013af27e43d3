using AutoScale.Engines.Kokoro.Model;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Tests.Decoder;

/// <summary>A shrunk decoder (hidden 16, style 8, 32 encoder and 8 residual channels, iSTFTNet 16 → 8 → 4) and inputs for it.</summary>
internal static class SmallDecoder
{
    public const long EncodeChannels = 32;
    public const long ResidualChannels = 8;

    public static KokoroConfig Config { get; } = new()
    {
        HiddenDim = 16,
        StyleDim = 8,
        IstftNet = new IstftNetConfig { UpsampleInitialChannel = 16 },
    };

    public static Model.Decoder.Decoder Create(bool stochasticSource) =>
        new(Config, EncodeChannels, ResidualChannels, stochasticSource);

    /// <summary>asr <c>[B, 16, F]</c>, F0 and N <c>[B, 2F]</c> (F0 between 0 and 300 Hz, so some frames are unvoiced), style <c>[B, 8]</c>.</summary>
    public static (Tensor Asr, Tensor F0, Tensor N, Tensor Style) Inputs(long batch, long frames)
    {
        var asr = randn(batch, Config.HiddenDim, frames);
        var f0 = rand(batch, 2 * frames) * 300;
        var n = randn(batch, 2 * frames);
        var style = randn(batch, Config.StyleDim);
        return (asr, f0, n, style);
    }
}
