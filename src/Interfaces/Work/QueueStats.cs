namespace AutoScale.Interfaces.Work;

/// <summary>A pool's queue at a glance, with the workers pulling from it.</summary>
[GenerateSerializer, Immutable, Alias("queue-stats")]
public sealed record QueueStats(
    [property: Id(0)] string Pool,
    [property: Id(1)] int Queued,
    [property: Id(2)] int Leased,
    [property: Id(3)] long QueuedCharacters,
    [property: Id(4)] DateTimeOffset? OldestQueuedAt)
{
    [Id(5)]
    public long LeasedCharacters { get; init; }

    [Id(6)]
    public IReadOnlyList<QueueWorker> Workers { get; init; } = [];

    /// <summary>Chunks finished since the queue activated (a counter: compare two readings).</summary>
    [Id(7)]
    public long CompletedChunks { get; init; }

    /// <summary>Characters of the chunks finished since the queue activated.</summary>
    [Id(8)]
    public long CompletedCharacters { get; init; }

    /// <summary>Engine seconds the finished chunks took.</summary>
    [Id(9)]
    public double CompletedEngineSeconds { get; init; }

    /// <summary>Characters of new jobs' chunks added since the queue activated (a counter: its rise is arriving work; rebuilds and rescues do not count).</summary>
    [Id(10)]
    public long EnqueuedCharacters { get; init; }
}
