using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Modules;

/// <summary>
/// Adaptive instance norm: instance norm over time (no learned affine), then <c>(1 + gamma) · x + beta</c> with
/// gamma and beta from <c>fc(style)</c>. Input <c>[B, C, T]</c> and style <c>[B, style_dim]</c>; output <c>[B, C, T]</c>.
/// With a padding mask the mean and variance are taken over each item's valid steps only (the padded steps' output is
/// not meaningful).
/// </summary>
public sealed class AdaIN1d : nn.Module<Tensor, Tensor, Tensor>
{
    private const double Epsilon = 1e-5;

    public AdaIN1d(long styleDim, long channels) : base(nameof(AdaIN1d))
    {
        // affine=false: the checkpoint has no norm weights (upstream's affine=True is an ONNX workaround loaded non-strictly).
        norm = nn.InstanceNorm1d(channels, eps: Epsilon, affine: false, track_running_stats: false);
        fc = nn.Linear(styleDim, 2 * channels);
        RegisterComponents();
    }

#pragma warning disable IDE1006, SA1300 // field names are the checkpoint's keys (RegisterComponents uses them)
    private readonly InstanceNorm1d norm;
    private readonly Linear fc;
#pragma warning restore IDE1006, SA1300

    public override Tensor forward(Tensor x, Tensor style) => forward(x, style, null);

    /// <param name="x"><c>[B, C, T]</c>.</param>
    /// <param name="style"><c>[B, style_dim]</c>.</param>
    /// <param name="padding"><c>[B, 1, T]</c> bool, true at padding (<see cref="TimeMask"/>); null when nothing is padded.</param>
    public Tensor forward(Tensor x, Tensor style, Tensor? padding)
    {
        using var scope = NewDisposeScope();
        var h = fc.forward(style).unsqueeze(-1);
        var gammaBeta = h.chunk(2, dim: 1);
        var normalised = padding is null ? norm.forward(x) : MaskedInstanceNorm(x, padding);
        // In place on the one full-size tensor: (1 + gamma) · norm(x) + beta in the same order, without two temporaries.
        return normalised.mul_(1 + gammaBeta[0]).add_(gammaBeta[1]).MoveToOuterDisposeScope();
    }

    private static Tensor MaskedInstanceNorm(Tensor x, Tensor padding)
    {
        // masked_fill rather than multiplying by the mask: padded steps may hold inf, and inf · 0 is NaN.
        var count = (~padding).sum(-1, keepdim: true, type: x.dtype);
        Tensor mean;
        using (var masked = x.masked_fill(padding, 0.0))
        {
            mean = masked.sum(-1, keepdim: true) / count;
        }

        var centred = (x - mean).masked_fill_(padding, 0.0);
        Tensor variance;
        using (var squared = centred.square())
        {
            variance = squared.sum(-1, keepdim: true) / count;
        }

        return centred.mul_(rsqrt(variance + Epsilon));
    }
}
