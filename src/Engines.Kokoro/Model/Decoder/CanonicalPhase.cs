using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Model.Decoder;

/// <summary>
/// The phase of a spectrum made insensitive to float rounding (test-only, see <see cref="HarmonicSourceMode"/>):
/// <c>atan2(imag', real)</c> with <c>imag' = 0</c> where <c>|imag| &lt; 1e-6</c>; then <c>+π</c> where <c>|phase| &gt; π − 1e-3</c>;
/// then scaled by <c>clamp((|X| − 5e-4) / 5e-4, 0, 1)</c>, so bins with almost no energy have phase 0.
/// </summary>
internal static class CanonicalPhase
{
    private const double TinyImaginary = 1e-6;
    private const double WrapMargin = 1e-3;
    private const double EmptyMagnitude = 5e-4;

    /// <param name="spectrum">Complex STFT.</param>
    /// <param name="magnitude">Its magnitude.</param>
    public static Tensor Of(Tensor spectrum, Tensor magnitude)
    {
        using var scope = NewDisposeScope();
        var imaginary = spectrum.imag;
        imaginary = imaginary.masked_fill(imaginary.abs() < TinyImaginary, 0.0);
        var phase = atan2(imaginary, spectrum.real);
        phase = phase.masked_fill(phase.abs() > Math.PI - WrapMargin, Math.PI);
        var fade = ((magnitude - EmptyMagnitude) / EmptyMagnitude).clamp(0.0, 1.0);
        return (phase * fade).MoveToOuterDisposeScope();
    }
}
