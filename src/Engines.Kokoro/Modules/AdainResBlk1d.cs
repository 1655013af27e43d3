using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Modules;

/// <summary>
/// StyleTTS2's style-conditioned residual block: <c>norm1 → LeakyReLU(0.2) → pool → conv1 → norm2 → LeakyReLU(0.2) → conv2</c>
/// plus a shortcut (nearest ×2 when upsampling, then <c>conv1x1</c> when the channel count changes), summed and divided by √2.
/// Input <c>[B, dimIn, T]</c>, style <c>[B, styleDim]</c>; output <c>[B, dimOut, T]</c> (or <c>2T</c> when upsampling).
/// </summary>
public sealed class AdainResBlk1d : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly bool _upsample;

    public AdainResBlk1d(long dimIn, long dimOut, long styleDim, bool upsample = false) : base(nameof(AdainResBlk1d))
    {
        _upsample = upsample;
        conv1 = new WeightNormConv1d(dimIn, dimOut, 3, padding: 1);
        conv2 = new WeightNormConv1d(dimOut, dimOut, 3, padding: 1);
        norm1 = new AdaIN1d(styleDim, dimIn);
        norm2 = new AdaIN1d(styleDim, dimOut);
        conv1x1 = dimIn != dimOut ? new WeightNormConv1d(dimIn, dimOut, 1, bias: false) : null;
        pool = upsample ? new WeightNormConvTranspose1d(dimIn, dimIn, 3, stride: 2, padding: 1, outputPadding: 1, groups: dimIn) : null;
        RegisterComponents();
    }

#pragma warning disable IDE1006, SA1300 // field names are the checkpoint's keys (RegisterComponents uses them)
    private readonly WeightNormConv1d conv1;
    private readonly WeightNormConv1d conv2;
    private readonly AdaIN1d norm1;
    private readonly AdaIN1d norm2;
    private readonly WeightNormConv1d? conv1x1;
    private readonly WeightNormConvTranspose1d? pool;
#pragma warning restore IDE1006, SA1300

    public override Tensor forward(Tensor x, Tensor style) => forward(x, style, null);

    /// <param name="x"><c>[B, dimIn, T]</c>.</param>
    /// <param name="style"><c>[B, styleDim]</c>.</param>
    /// <param name="padding"><c>[B, 1, T]</c> bool, true at padding (<see cref="TimeMask"/>); null when nothing is padded.
    /// The output's padded steps (at <c>2T</c> when upsampling) are not meaningful.</param>
    public Tensor forward(Tensor x, Tensor style, Tensor? padding)
    {
        using var scope = NewDisposeScope();
        var residual = nn.functional.leaky_relu(norm1.forward(x, style, padding), 0.2);
        var outputPadding = padding;
        if (pool is not null)
        {
            residual = pool.forward(TimeMask.Zero(residual, padding));
            outputPadding = TimeMask.Stretch(padding, residual.shape[^1]);
        }
        residual = conv1.forward(TimeMask.Zero(residual, outputPadding));
        residual = nn.functional.leaky_relu(norm2.forward(residual, style, outputPadding), 0.2);
        residual = conv2.forward(TimeMask.Zero(residual, outputPadding));

        // Both shortcut steps act on each step alone, so padding cannot leak into the valid steps here.
        var shortcut = _upsample
            ? nn.functional.interpolate(x, scale_factor: [2.0], mode: InterpolationMode.Nearest)
            : x;
        if (conv1x1 is not null)
        {
            shortcut = conv1x1.forward(shortcut);
        }

        return ((residual + shortcut) / Math.Sqrt(2)).MoveToOuterDisposeScope();
    }
}
