namespace AutoScale.Engines.Kokoro.Model;

/// <summary>
/// Test-only switches in the generator's harmonic branch that make the audio reproducible against upstream's PyTorch
/// (the parity fixture's "canonical" audio). Plain float32 integrates the sines' phase over thousands of radians, so
/// one-ulp differences become ~5e-5 in the source, and the STFT phase of near-empty bins and of bins at the ±π wrap is
/// then arbitrary; the decoder reads that phase. Production runs <see cref="Production"/>: both off, at no cost.
/// </summary>
/// <param name="SinesInFloat64">F0 goes into the sine generator as float64; the sines come back as float32 before the source's linear layer.</param>
/// <param name="CanonicalPhase">The harmonic phase drops imaginary parts under 1e-6, puts the ±π wrap at +π and fades to 0 in empty bins (<see cref="Decoder.CanonicalPhase"/>).</param>
internal sealed record HarmonicSourceMode(bool SinesInFloat64, bool CanonicalPhase)
{
    public static readonly HarmonicSourceMode Production = new(false, false);

    public static readonly HarmonicSourceMode Canonical = new(true, true);
}
