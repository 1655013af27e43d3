namespace AutoScale.Interfaces.Work;

/// <summary>A chunk handed to a worker until <see cref="ExpiresAt"/> (renewable): what to speak and how.</summary>
[GenerateSerializer, Immutable, Alias("chunk-lease")]
public sealed record ChunkLease
{
    [Id(0)] public required Guid LeaseId { get; init; }
    [Id(1)] public required Guid JobId { get; init; }
    [Id(2)] public required int Sequence { get; init; }
    [Id(3)] public required string Text { get; init; }
    [Id(4)] public required string Voice { get; init; }
    [Id(5)] public required double Speed { get; init; }
    [Id(6)] public required int Attempt { get; init; }
    [Id(7)] public required DateTimeOffset ExpiresAt { get; init; }
}
