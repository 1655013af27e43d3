namespace AutoScale.Interfaces.Work;

/// <summary>A worker's report that a leased chunk's audio is stored.</summary>
[GenerateSerializer, Immutable, Alias("chunk-completion")]
public sealed record ChunkCompletion
{
    [Id(0)] public required Guid LeaseId { get; init; }
    [Id(1)] public required Guid JobId { get; init; }
    [Id(2)] public required int Sequence { get; init; }
    [Id(3)] public required string WorkerId { get; init; }
    [Id(4)] public required string ArtifactKey { get; init; }
    [Id(5)] public required int SampleRate { get; init; }
    [Id(6)] public required long Samples { get; init; }
    [Id(7)] public required double EngineSeconds { get; init; }
    [Id(8)] public required decimal CostUsd { get; init; }

    /// <summary>The chunk's words with their times, when the engine gives them.</summary>
    [Id(9)] public IReadOnlyList<ChunkWord> Words { get; init; } = [];
}
