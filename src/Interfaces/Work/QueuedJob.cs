using AutoScale.Interfaces.Jobs;

namespace AutoScale.Interfaces.Work;

/// <summary>
/// A newly stored job as its pool's queue needs it: who it is for, how urgent, each chunk's text, and how to speak
/// it, so the first lease of each chunk needs no database read.
/// </summary>
[GenerateSerializer, Immutable, Alias("queued-job")]
public sealed record QueuedJob
{
    [Id(0)] public required Guid JobId { get; init; }
    [Id(1)] public required Guid TenantId { get; init; }
    [Id(2)] public required JobPriority Priority { get; init; }
    [Id(3)] public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Each chunk's text, in sequence order.</summary>
    [Id(4)] public required IReadOnlyList<string> ChunkTexts { get; init; }

    [Id(5)] public required string Voice { get; init; }

    [Id(6)] public required double Speed { get; init; }

    /// <summary>The submitting request's W3C traceparent, which workers continue.</summary>
    [Id(7)] public string? TraceParent { get; init; }
}
