using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Modules;

/// <summary>
/// Frees an activation the moment it is dead, as PyTorch does on its last reference. A TorchSharp dispose scope keeps every
/// tensor made inside it until the scope ends, and in the generator one activation of a 510-phoneme chunk is about 100 MB
/// (128 channels × 24 kHz / 5 steps × 38 s), so holding a block's intermediates cost gigabytes.
/// </summary>
internal static class Intermediate
{
    /// <summary>Disposes <paramref name="dead"/> (unless <paramref name="next"/> is the same tensor) and returns <paramref name="next"/>.</summary>
    public static Tensor Replace(Tensor dead, Tensor next)
    {
        if (!ReferenceEquals(dead, next))
        {
            dead.Dispose();
        }

        return next;
    }
}
