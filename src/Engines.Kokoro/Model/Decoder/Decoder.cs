using AutoScale.Engines.Kokoro.Modules;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Model.Decoder;

/// <summary>
/// Kokoro's decoder: the aligned text encoding, F0 and energy curves and the acoustic style go through
/// style-conditioned residual blocks (the last upsamples ×2) into the iSTFTNet <see cref="Generator"/>.
/// <c>forward(asr [B, hidden_dim, F], f0 [B, 2F], n [B, 2F], style [B, style_dim])</c> → audio <c>[B, 600 · F]</c>
/// at 24 kHz with the official sizes (F duration frames; the curves come at twice the frame rate).
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

    public override Tensor forward(Tensor asr, Tensor f0, Tensor n, Tensor style)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var f0Down = F0_conv.forward(f0.unsqueeze(1));
        var nDown = N_conv.forward(n.unsqueeze(1));
        var x = encode.forward(cat([asr, f0Down, nDown], dim: 1), style);
        var asrResidual = asr_res.forward(asr);
        foreach (var block in decode)
        {
            x = block.forward(cat([x, asrResidual, f0Down, nDown], dim: 1), style);
        }
        return generator.forward(x, style, f0).MoveToOuterDisposeScope();
    }
}
