using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Model.Decoder;

/// <summary>The Snake activation of iSTFTNet's residual blocks: <c>x + (1/α) · sin²(α·x)</c>, α per channel (<c>[1, C, 1]</c>).</summary>
public static class Snake
{
    /// <summary>One new tensor, worked on in place: the same operations in the same order as the expression, without its four temporaries.</summary>
    public static Tensor Apply(Tensor x, Tensor alpha)
    {
        using var reciprocal = alpha.reciprocal();
        return (alpha * x).sin_().pow_(2).mul_(reciprocal).add_(x);
    }
}
