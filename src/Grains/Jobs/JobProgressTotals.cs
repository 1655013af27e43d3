namespace AutoScale.Grains.Jobs;

/// <summary>The sums over a job's finished chunks.</summary>
public sealed record JobProgressTotals(int ChunksDone, double AudioSeconds, double EngineSeconds, decimal CostUsd);
