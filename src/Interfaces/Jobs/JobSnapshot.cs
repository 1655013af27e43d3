namespace AutoScale.Interfaces.Jobs;

/// <summary>A job as it stands: everything the API shows of it, minus its text.</summary>
[GenerateSerializer, Immutable, Alias("job-snapshot")]
public sealed record JobSnapshot
{
    [Id(0)] public required Guid Id { get; init; }
    [Id(1)] public required Guid TenantId { get; init; }
    [Id(2)] public required JobStatus Status { get; init; }
    [Id(3)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(4)] public DateTimeOffset? StartedAt { get; init; }
    [Id(5)] public DateTimeOffset? FinishedAt { get; init; }
    [Id(6)] public required string Model { get; init; }
    [Id(7)] public required string Voice { get; init; }
    [Id(8)] public required string Format { get; init; }
    [Id(9)] public required double Speed { get; init; }
    [Id(10)] public required JobPriority Priority { get; init; }
    [Id(11)] public required int Characters { get; init; }
    [Id(12)] public required int ChunksTotal { get; init; }
    [Id(13)] public int ChunksDone { get; init; }
    [Id(14)] public double AudioSeconds { get; init; }
    [Id(15)] public double GpuSeconds { get; init; }
    [Id(16)] public decimal CostUsd { get; init; }
    [Id(17)] public JobError? Error { get; init; }
    [Id(18)] public string? WebhookUrl { get; init; }
    [Id(19)] public string? MetadataJson { get; init; }
    [Id(20)] public string? IdempotencyKey { get; init; }
    [Id(21)] public string? RequestFingerprint { get; init; }

    /// <summary>The pool (engine class) that serves the job's model.</summary>
    [Id(22)] public required string Pool { get; init; }

    /// <summary>Bumped by every stored change; what <see cref="IJobGrain.WaitForChangeAsync"/> compares with.</summary>
    [Id(23)] public int Version { get; init; }

    /// <summary>The sample rate the audio is delivered at; null keeps the engine's own.</summary>
    [Id(24)] public int? SampleRate { get; init; }
}
