namespace AutoScale.FleetSimulator.Simulation;

/// <summary>A simulated worker's machine and process, as its provider would see them (what the scaler believes is its record's <c>WorkerStage</c>).</summary>
public enum WorkerState
{
    /// <summary>Asked for, billed, not pulling work yet.</summary>
    Starting,

    /// <summary>In the cluster and pulling work: holding a batch, or idle.</summary>
    Ready,

    /// <summary>Told to leave: finishes the batch it holds, takes nothing more.</summary>
    Draining,

    /// <summary>Drained: its process ended and it left the cluster; billed until the scaler terminates it.</summary>
    Stopped,

    /// <summary>Terminated; no longer billed.</summary>
    Gone,
}
