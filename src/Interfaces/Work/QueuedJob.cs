using AutoScale.Interfaces.Jobs;

namespace AutoScale.Interfaces.Work;

/// <summary>A newly stored job as its pool's queue needs it: who it is for, how urgent, and each chunk's length.</summary>
[GenerateSerializer, Immutable, Alias("queued-job")]
public sealed record QueuedJob
{
    [Id(0)] public required Guid JobId { get; init; }
    [Id(1)] public required Guid TenantId { get; init; }
    [Id(2)] public required JobPriority Priority { get; init; }
    [Id(3)] public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The characters of each chunk, in sequence order.</summary>
    [Id(4)] public required IReadOnlyList<int> ChunkCharacters { get; init; }
}
