using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Modules;

/// <summary>
/// Padding masks for a batch of left-aligned sequences of different lengths: <c>[B, 1, T]</c> bool, true past each item's
/// length, so they broadcast over the channels of a <c>[B, C, T]</c> activation.
/// </summary>
public static class TimeMask
{
    /// <summary>
    /// The mask, or null when no item is padded: the modules then run exactly their unmasked upstream computation
    /// (a batch of one included).
    /// </summary>
    /// <param name="lengths"><c>[B]</c> valid steps per item (int64).</param>
    /// <param name="total">T, the padded length.</param>
    public static Tensor? Padding(Tensor lengths, long total)
    {
        using var scope = NewDisposeScope();
        if (lengths.ge(total).all().item<bool>())
        {
            return null;
        }
        var steps = arange(total, dtype: ScalarType.Int64, device: lengths.device).unsqueeze(0);
        return (steps >= lengths.to(ScalarType.Int64).unsqueeze(1)).unsqueeze(1).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Zeroes the padded steps: a convolution then sees the same zeros past an item's end as it would running on that item
    /// alone with its own zero padding, so the valid prefix is unchanged by the batch.
    /// </summary>
    public static Tensor Zero(Tensor x, Tensor? padding) => padding is null ? x : x.masked_fill(padding, 0.0);

    /// <summary>The mask after an upsampling that multiplies every length by the same factor (T → <paramref name="total"/>).</summary>
    public static Tensor? Stretch(Tensor? padding, long total) =>
        padding is null || padding.shape[^1] == total ? padding : padding.repeat_interleave(total / padding.shape[^1], dim: 2);
}
