using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Modules;

/// <summary>
/// Layer norm over the channels (no learned affine, eps 1e-5), then <c>(1 + gamma) · x + beta</c> with gamma and beta from
/// <c>fc(style)</c>. Input <c>[B, T, C]</c> and style <c>[B, style_dim]</c>; output <c>[B, T, C]</c>.
/// </summary>
public sealed class AdaLayerNorm : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly long _channels;

    public AdaLayerNorm(long styleDim, long channels) : base(nameof(AdaLayerNorm))
    {
        _channels = channels;
        fc = nn.Linear(styleDim, 2 * channels);
        RegisterComponents();
    }

#pragma warning disable IDE1006, SA1300 // field names are the checkpoint's keys (RegisterComponents uses them)
    private readonly Linear fc;
#pragma warning restore IDE1006, SA1300

    public override Tensor forward(Tensor x, Tensor style)
    {
        using var scope = NewDisposeScope();
        var gammaBeta = fc.forward(style).unsqueeze(1).chunk(2, dim: -1);
        var normalised = nn.functional.layer_norm(x, [_channels], eps: 1e-5);
        return ((1 + gammaBeta[0]) * normalised + gammaBeta[1]).MoveToOuterDisposeScope();
    }
}
