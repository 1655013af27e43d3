using AutoScale.Engines.Kokoro.Modules;
using TorchSharp.Modules;
using static TorchSharp.torch;
using RandomSource = TorchSharp.torch.Generator;

namespace AutoScale.Engines.Kokoro.Model.Decoder;

/// <summary>
/// Kokoro's decoder: the aligned text encoding, F0 and energy curves and the acoustic style go through
/// style-conditioned residual blocks (the last upsamples ×2) into the iSTFTNet <see cref="Generator"/>.
/// <c>forward(asr [B, hidden_dim, F], f0 [B, 2F], n [B, 2F], style [B, style_dim])</c> → audio <c>[B, 600 · F]</c>
/// at 24 kHz with the official sizes (F duration frames; the curves come at twice the frame rate). <see cref="Decode"/>
/// runs a padded batch of different lengths.
/// </summary>
/// <remarks>
/// Upstream hard-codes 1024 encoder channels and 64 residual channels; they are parameters here so a small test model
/// can shrink them. The defaults are upstream's.
/// </remarks>
public sealed class Decoder : nn.Module<Tensor, Tensor, Tensor, Tensor, Tensor>
{
    public const long OfficialEncodeChannels = 1024;
    public const long OfficialResidualChannels = 64;

    public Decoder(KokoroConfig config, long encodeChannels = OfficialEncodeChannels, long residualChannels = OfficialResidualChannels, bool stochasticSource = true)
        : base(nameof(Decoder))
    {
        var hidden = config.HiddenDim;
        var style = config.StyleDim;
        var decodeIn = encodeChannels + 2 + residualChannels;
        encode = new AdainResBlk1d(hidden + 2, encodeChannels, style);
        decode = new ModuleList<AdainResBlk1d>(
            new AdainResBlk1d(decodeIn, encodeChannels, style),
            new AdainResBlk1d(decodeIn, encodeChannels, style),
            new AdainResBlk1d(decodeIn, encodeChannels, style),
            new AdainResBlk1d(decodeIn, config.IstftNet.UpsampleInitialChannel, style, upsample: true));
        F0_conv = new WeightNormConv1d(1, 1, 3, stride: 2, padding: 1);
        N_conv = new WeightNormConv1d(1, 1, 3, stride: 2, padding: 1);
        asr_res = nn.Sequential(new WeightNormConv1d(hidden, residualChannels, 1));
        generator = new Generator(config, stochasticSource);
        RegisterComponents();
    }

#pragma warning disable IDE1006, SA1300 // field names are the checkpoint's keys (RegisterComponents uses them)
    private readonly AdainResBlk1d encode;
    private readonly ModuleList<AdainResBlk1d> decode;
    private readonly WeightNormConv1d F0_conv;
    private readonly WeightNormConv1d N_conv;
    private readonly Sequential asr_res;
    private readonly Generator generator;
#pragma warning restore IDE1006, SA1300

    /// <summary>Test-only switches of the generator's harmonic branch (<see cref="HarmonicSourceMode"/>).</summary>
    internal HarmonicSourceMode HarmonicSource
    {
        get => generator.HarmonicSource;
        set => generator.HarmonicSource = value;
    }

    /// <summary>Every item full length, each item's source seeded with 0; audio <c>[B, 600 · F]</c>.</summary>
    public override Tensor forward(Tensor asr, Tensor f0, Tensor n, Tensor style)
    {
        using var scope = NewDisposeScope();
        var frames = full(asr.shape[0], asr.shape[2], dtype: ScalarType.Int64);
        var random = Enumerable.Range(0, (int)asr.shape[0]).Select(_ => new RandomSource(0, asr.device)).ToList();
        try
        {
            return stack(Decode(asr, f0, n, style, frames, random)).MoveToOuterDisposeScope();
        }
        finally
        {
            random.ForEach(g => g.Dispose());
        }
    }

    /// <summary>
    /// A padded batch: item b is valid for its first <c>frames[b]</c> frames (and <c>2 · frames[b]</c> curve steps), and its
    /// audio equals what the item gives alone (up to float rounding).
    /// </summary>
    /// <param name="asr"><c>[B, hidden_dim, F]</c>.</param>
    /// <param name="f0"><c>[B, 2F]</c>.</param>
    /// <param name="n"><c>[B, 2F]</c>.</param>
    /// <param name="style"><c>[B, style_dim]</c> (the acoustic half of the voice).</param>
    /// <param name="frames"><c>[B]</c> valid frames per item (int64).</param>
    /// <param name="random">One generator per item for its harmonic source.</param>
    /// <returns>Per item, its audio <c>[600 · frames[b]]</c> with the official sizes.</returns>
    public IReadOnlyList<Tensor> Decode(Tensor asr, Tensor f0, Tensor n, Tensor style, Tensor frames, IReadOnlyList<RandomSource> random)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        frames = frames.to(ScalarType.Int64).to(asr.device);
        var padding = TimeMask.Padding(frames, asr.shape[2]);
        var curvePadding = TimeMask.Padding(frames * 2, f0.shape[1]);
        var f0Down = F0_conv.forward(TimeMask.Zero(f0.unsqueeze(1), curvePadding));
        var nDown = N_conv.forward(TimeMask.Zero(n.unsqueeze(1), curvePadding));
        var x = encode.forward(cat([asr, f0Down, nDown], dim: 1), style, padding);
        var asrResidual = asr_res.forward(asr);
        foreach (var block in decode)
        {
            x = block.forward(cat([x, asrResidual, f0Down, nDown], dim: 1), style, padding);
        }

        var audio = generator.Generate(x, style, f0, frames * 2, random);
        foreach (var item in audio)
        {
            item.MoveToOuterDisposeScope();
        }
        return audio;
    }
}
