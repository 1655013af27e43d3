namespace AutoScale.FleetSimulator.Simulation;

/// <summary>One GPU worker of the simulated pool. Holds at most one batch; its one pending event is its boot or the end of that batch.</summary>
public sealed class SimulatedWorker(double provisionedAt, double readyAt)
{
    public WorkerState State { get; set; } = WorkerState.Starting;

    public double ProvisionedAt { get; } = provisionedAt;

    public double ReadyAt { get; } = readyAt;

    /// <summary>When the worker last held nothing; meaningful while idle.</summary>
    public double IdleSince { get; set; }

    /// <summary>Engine seconds of the batch held now; 0 when idle.</summary>
    public double BatchEngineSeconds { get; set; }

    public int Batches { get; set; }

    public bool HoldsBatch => BatchEngineSeconds > 0;
}
