namespace AutoScale.Grains.Work;

/// <summary>What a rescan of <see cref="ChunkRescuer"/> did: rows queued that memory lacked, jobs told to settle.</summary>
public sealed record RescanCounts(int Rescued, int Settled);
