namespace AutoScale.Fleet.Scaling;

/// <summary>
/// A pool's queue at one tick, as the scaling core reads it: the queue grain's <c>QueueStats</c> in plain terms (the core
/// takes no Orleans contract, so the fleet simulator feeds it the same way). The counters only grow while the queue stays
/// active; compare two readings.
/// </summary>
public sealed record QueueReading
{
    public static QueueReading Empty { get; } = new();

    /// <summary>Chunks waiting for a worker.</summary>
    public int Queued { get; init; }

    public long QueuedCharacters { get; init; }

    /// <summary>Characters of the chunks workers hold now.</summary>
    public long LeasedCharacters { get; init; }

    /// <summary>The workers polling the queue.</summary>
    public IReadOnlyList<PullingWorker> Workers { get; init; } = [];

    /// <summary>Chunks finished since the queue activated.</summary>
    public long CompletedChunks { get; init; }

    /// <summary>Characters of the chunks finished since the queue activated.</summary>
    public long CompletedCharacters { get; init; }

    /// <summary>Engine seconds the finished chunks took.</summary>
    public double CompletedEngineSeconds { get; init; }

    /// <summary>Characters of new jobs' chunks added since the queue activated: its rise is arriving work.</summary>
    public long EnqueuedCharacters { get; init; }
}
