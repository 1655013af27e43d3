namespace AutoScale.Interfaces.Work;

/// <summary>A pool's queue at a glance.</summary>
[GenerateSerializer, Immutable, Alias("queue-stats")]
public sealed record QueueStats(
    [property: Id(0)] string Pool,
    [property: Id(1)] int Queued,
    [property: Id(2)] int Leased,
    [property: Id(3)] long QueuedCharacters,
    [property: Id(4)] DateTimeOffset? OldestQueuedAt);
