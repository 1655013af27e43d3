namespace AutoScale.Grains.Jobs;

/// <summary>A chunk whose audio is stored: where, and how long it is.</summary>
public sealed record FinishedChunk(int Sequence, string ArtifactKey, int SampleRate, long Samples)
{
    public double Seconds => (double)Samples / SampleRate;
}
