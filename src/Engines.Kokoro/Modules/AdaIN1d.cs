using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Modules;

/// <summary>
/// Adaptive instance norm: instance norm over time (no learned affine), then <c>(1 + gamma) · x + beta</c> with
/// gamma and beta from <c>fc(style)</c>. Input <c>[B, C, T]</c> and style <c>[B, style_dim]</c>; output <c>[B, C, T]</c>.
/// </summary>
public sealed class AdaIN1d : nn.Module<Tensor, Tensor, Tensor>
{
    public AdaIN1d(long styleDim, long channels) : base(nameof(AdaIN1d))
    {
        // affine=false: the checkpoint has no norm weights (upstream's affine=True is an ONNX workaround loaded non-strictly).
        norm = nn.InstanceNorm1d(channels, eps: 1e-5, affine: false, track_running_stats: false);
        fc = nn.Linear(styleDim, 2 * channels);
        RegisterComponents();
    }

#pragma warning disable IDE1006, SA1300 // field names are the checkpoint's keys (RegisterComponents uses them)
    private readonly InstanceNorm1d norm;
    private readonly Linear fc;
#pragma warning restore IDE1006, SA1300

    public override Tensor forward(Tensor x, Tensor style)
    {
        using var scope = NewDisposeScope();
        var h = fc.forward(style).unsqueeze(-1);
        var gammaBeta = h.chunk(2, dim: 1);
        return ((1 + gammaBeta[0]) * norm.forward(x) + gammaBeta[1]).MoveToOuterDisposeScope();
    }
}
