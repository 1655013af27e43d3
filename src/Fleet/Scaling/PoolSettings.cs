namespace AutoScale.Fleet.Scaling;

/// <summary>A pool's settings at one tick: as configured, with what an operator changed at run time on top.</summary>
public sealed record PoolSettings
{
    public required PoolBounds Bounds { get; init; }

    /// <summary>The image new workers run; empty for the provider's default (then workers are never rolled).</summary>
    public string Image { get; init; } = "";

    /// <summary>How long capacity must go unused before a worker is let go.</summary>
    public required TimeSpan IdleWindow { get; init; }

    /// <summary>What a worker costs per hour when no live worker of the pool says.</summary>
    public decimal CostPerHourUsd { get; init; }

    /// <summary>A worker's report that the pool cannot be served, or null.</summary>
    public UnservablePool? Unservable { get; init; }

    /// <summary>Whether the pool's voices come from its workers and none has reported them yet.</summary>
    public bool AwaitingVoices { get; init; }
}
