namespace AutoScale.Engines.Kokoro.Timing;

/// <summary>One phoneme chunk as the model spoke it: its audio and the frames it gave each token (start and end included).</summary>
public sealed record SpokenChunk(float[] Audio, long[] Durations);
