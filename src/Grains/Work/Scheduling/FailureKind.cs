namespace AutoScale.Grains.Work.Scheduling;

/// <summary>What became of a failed chunk.</summary>
public enum FailureKind
{
    /// <summary>The lease is not current (expired and re-leased, cancelled, already finished): nothing changed.</summary>
    Stale,

    /// <summary>Queued again, ready after a backoff.</summary>
    Retrying,

    /// <summary>Out of attempts: removed; its job fails.</summary>
    GaveUp,
}
