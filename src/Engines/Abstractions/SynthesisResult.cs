namespace AutoScale.Engines.Abstractions;

/// <summary>Mono audio as float samples in [-1, 1] at <see cref="SampleRate"/> Hz.</summary>
public sealed record SynthesisResult(float[] Samples, int SampleRate)
{
    public TimeSpan Duration => TimeSpan.FromSeconds((double)Samples.Length / SampleRate);
}
