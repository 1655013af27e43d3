namespace AutoScale.Fleet.Scaling;

/// <summary>What the scaler knows about one pool at one tick: the policy's whole input.</summary>
public sealed record PoolSnapshot
{
    public required string Pool { get; init; }

    public required PoolBounds Bounds { get; init; }

    /// <summary>Chunks waiting for a worker.</summary>
    public required int QueuedChunks { get; init; }

    /// <summary>Estimated engine seconds of the waiting chunks (characters × observed seconds per character).</summary>
    public required double QueuedSeconds { get; init; }

    /// <summary>Estimated engine seconds of the chunks workers hold now.</summary>
    public required double LeasedSeconds { get; init; }

    /// <summary>Workers asked for but not ready yet (booting, or joining the cluster). They count as coming capacity.</summary>
    public required int Starting { get; init; }

    /// <summary>Workers that pull work (not draining).</summary>
    public required int Ready { get; init; }

    /// <summary>Ready workers holding at least one chunk.</summary>
    public required int Busy { get; init; }

    /// <summary>
    /// Whole workers' worth of capacity the pool left unused over the last idle window (see <see cref="SpareCapacityWindow"/>).
    /// </summary>
    public required int SpareThroughoutWindow { get; init; }

    /// <summary>
    /// The most workers <see cref="ScalingPolicy.Needed"/> asked for at any tick of the last idle window (null: unknown).
    /// The fleet never shrinks to that or below, so bursty load does not make it churn.
    /// </summary>
    public int? PeakNeedOverWindow { get; init; }

    /// <summary>The pool's idle window: how long capacity must go unused before a worker is let go.</summary>
    public TimeSpan IdleWindow { get; init; }

    /// <summary>Engine seconds of new work arriving per second, as recently observed (0 when unknown).</summary>
    public double ArrivingSecondsPerSecond { get; init; }

    /// <summary>Workers already told to drain: on their way out, not counted.</summary>
    public int Draining { get; init; }

    /// <summary>Engine seconds one worker gets through per second (its parallelism, as observed).</summary>
    public required double WorkerThroughput { get; init; }

    /// <summary>How long a new worker takes from being asked for to pulling work, as observed.</summary>
    public required TimeSpan BootTime { get; init; }

    /// <summary>What one more worker of this pool costs per hour.</summary>
    public required decimal WorkerCostPerHourUsd { get; init; }

    /// <summary>What the budget leaves for this pool's workers per hour (the budget minus the other pools' spend); null without a budget.</summary>
    public decimal? BudgetForPoolUsdPerHour { get; init; }

    /// <summary>
    /// Whether the pool serves a model whose voices are what its workers report, and none has reported yet: one worker
    /// is started so the catalogue can list them (and so a pool that cannot be served says so before anyone asks).
    /// </summary>
    public bool AwaitingVoices { get; init; }

    /// <summary>Workers that count now: ready plus starting.</summary>
    public int Current => Ready + Starting;

    public double BacklogSeconds => QueuedSeconds + LeasedSeconds;
}
