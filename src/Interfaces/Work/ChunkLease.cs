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

    /// <summary>The job's tenant, for the worker's log scope.</summary>
    [Id(8)] public Guid TenantId { get; init; }

    /// <summary>
    /// W3C <c>traceparent</c> of the job's submission: the worker pulls the chunk outside any call chain from the
    /// gateway, so it starts its span under this to keep the job one trace. Null when tracing was off.
    /// </summary>
    [Id(9)] public string? TraceParent { get; init; }
}
