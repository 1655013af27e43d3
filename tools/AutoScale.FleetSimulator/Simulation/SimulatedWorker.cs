namespace AutoScale.FleetSimulator.Simulation;

/// <summary>One GPU worker of the simulated pool. Holds at most one batch; its one pending event is its boot or the end of that batch.</summary>
public sealed class SimulatedWorker(string id, double provisionedAt, double readyAt)
{
    /// <summary>Its name: its fleet id, its silo's address and its worker id at the queue alike.</summary>
    public string Id { get; } = id;

    public WorkerState State { get; set; } = WorkerState.Starting;

    public double ProvisionedAt { get; } = provisionedAt;

    public double ReadyAt { get; } = readyAt;

    /// <summary>When it last took or finished work (the queue's <c>BusyAt</c>); meaningful once ready.</summary>
    public double BusyAt { get; set; }

    /// <summary>Engine seconds of the batch held now; 0 when idle.</summary>
    public double BatchEngineSeconds { get; set; }

    /// <summary>Chunks of the batch held now; 0 when idle.</summary>
    public int BatchChunks { get; set; }

    public int Batches { get; set; }

    /// <summary>In the cluster: its silo is a member and it polls its queue.</summary>
    public bool InCluster => State is WorkerState.Ready or WorkerState.Draining;
}
