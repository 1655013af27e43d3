namespace AutoScale.Interfaces.Jobs;

/// <summary>A validated job submission, as the gateway hands it to a new job grain.</summary>
[GenerateSerializer, Immutable, Alias("job-request")]
public sealed record JobRequest
{
    [Id(0)] public required Guid TenantId { get; init; }
    [Id(1)] public required string Text { get; init; }
    [Id(2)] public required string Model { get; init; }
    [Id(3)] public required string Voice { get; init; }
    [Id(4)] public required string Format { get; init; }
    [Id(5)] public required double Speed { get; init; }
    [Id(6)] public required JobPriority Priority { get; init; }
    [Id(7)] public string? WebhookUrl { get; init; }

    /// <summary>The client's metadata object, as compact JSON text; null when none was given.</summary>
    [Id(8)] public string? MetadataJson { get; init; }

    /// <summary>The client's <c>Idempotency-Key</c>, unique per tenant; null when none was given.</summary>
    [Id(9)] public string? IdempotencyKey { get; init; }

    /// <summary>A hash of the request body, so a reused key with a different body can be told apart.</summary>
    [Id(10)] public string? RequestFingerprint { get; init; }

    /// <summary>The sample rate the audio is delivered at; null keeps the engine's own.</summary>
    [Id(11)] public int? SampleRate { get; init; }
}
