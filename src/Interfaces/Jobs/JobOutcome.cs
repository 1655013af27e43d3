namespace AutoScale.Interfaces.Jobs;

/// <summary>What a finished job produced and cost.</summary>
[GenerateSerializer, Immutable, Alias("job-outcome")]
public sealed record JobOutcome(
    [property: Id(0)] double AudioSeconds,
    [property: Id(1)] double GpuSeconds,
    [property: Id(2)] decimal CostUsd);
