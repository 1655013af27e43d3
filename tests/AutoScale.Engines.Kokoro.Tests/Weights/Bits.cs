using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Tests.Weights;

internal static class Bits
{
    /// <summary>Same dtype, shape and bytes: bit-exact, unlike a float comparison (which equates 0 and -0).</summary>
    public static bool Equal(Tensor a, Tensor b) =>
        a.dtype == b.dtype && a.shape.SequenceEqual(b.shape) && a.contiguous().bytes.SequenceEqual(b.contiguous().bytes);
}
