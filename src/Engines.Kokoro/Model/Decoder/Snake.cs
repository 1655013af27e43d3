using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Model.Decoder;

/// <summary>The Snake activation of iSTFTNet's residual blocks: <c>x + (1/α) · sin²(α·x)</c>, α per channel (<c>[1, C, 1]</c>).</summary>
public static class Snake
{
    public static Tensor Apply(Tensor x, Tensor alpha) => x + alpha.reciprocal() * sin(alpha * x).pow(2);
}
