namespace AutoScale.Interfaces.Work;

/// <summary>A word of a chunk's text and when it is spoken, in seconds from the start of the chunk's audio.</summary>
[GenerateSerializer, Immutable, Alias("chunk-word")]
public sealed record ChunkWord
{
    [Id(0)] public required string Text { get; init; }
    [Id(1)] public required double Start { get; init; }
    [Id(2)] public required double End { get; init; }
}
