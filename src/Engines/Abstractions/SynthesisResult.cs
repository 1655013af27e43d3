namespace AutoScale.Engines.Abstractions;

/// <summary>Mono audio as float samples in [-1, 1] at <see cref="SampleRate"/> Hz, with its words when the engine knows them.</summary>
/// <param name="Samples">The audio.</param>
/// <param name="SampleRate">Its rate in Hz.</param>
/// <param name="Words">The text's words in order with their times; empty when the engine gives none.</param>
public sealed record SynthesisResult(float[] Samples, int SampleRate, IReadOnlyList<SpokenWord> Words)
{
    public SynthesisResult(float[] samples, int sampleRate)
        : this(samples, sampleRate, [])
    {
    }

    public TimeSpan Duration => TimeSpan.FromSeconds((double)Samples.Length / SampleRate);
}
