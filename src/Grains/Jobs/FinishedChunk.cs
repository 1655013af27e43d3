using AutoScale.Interfaces.Work;

namespace AutoScale.Grains.Jobs;

/// <summary>A chunk whose audio is stored: where, how long it is, and its words (times from the chunk's start).</summary>
public sealed record FinishedChunk(int Sequence, string ArtifactKey, int SampleRate, long Samples, IReadOnlyList<ChunkWord> Words)
{
    public double Seconds => (double)Samples / SampleRate;
}
