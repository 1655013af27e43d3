namespace AutoScale.Interfaces.Fleet;

/// <summary>One pool as the scaler sees it: its queue, its bounds, its workers and its last decision.</summary>
[GenerateSerializer, Immutable, Alias("fleet-pool")]
public sealed record PoolView
{
    [Id(0)] public required string Pool { get; init; }

    [Id(1)] public required bool Scaled { get; init; }

    [Id(2)] public int MinWorkers { get; init; }

    [Id(3)] public int MaxWorkers { get; init; }

    [Id(4)] public int Queued { get; init; }

    [Id(5)] public int Leased { get; init; }

    [Id(6)] public DateTimeOffset? OldestQueuedAt { get; init; }

    /// <summary>Engine seconds of queued and leased work, from characters and the observed seconds per character.</summary>
    [Id(7)] public double EstimatedSeconds { get; init; }

    [Id(8)] public double SecondsPerCharacter { get; init; }

    [Id(9)] public int Starting { get; init; }

    [Id(10)] public int Ready { get; init; }

    [Id(11)] public int Draining { get; init; }

    [Id(12)] public int Desired { get; init; }

    [Id(13)] public string? Reason { get; init; }

    [Id(14)] public double BootSeconds { get; init; }

    [Id(15)] public string? Image { get; init; }

    [Id(16)] public int IdleSeconds { get; init; }

    /// <summary>Why no worker of this pool can serve it (a worker's report), or null while it can as far as the scaler knows.</summary>
    [Id(17)] public string? UnservableReason { get; init; }

    [Id(18)] public DateTimeOffset? UnservableSince { get; init; }
}
