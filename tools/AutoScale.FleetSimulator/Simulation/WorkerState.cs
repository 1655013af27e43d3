namespace AutoScale.FleetSimulator.Simulation;

public enum WorkerState
{
    /// <summary>Asked for, billed, not pulling work yet.</summary>
    Starting,

    /// <summary>Pulling work: holding a batch, or idle.</summary>
    Ready,

    /// <summary>Told to leave: finishes the batch it holds, takes nothing more.</summary>
    Draining,

    /// <summary>Terminated; no longer billed.</summary>
    Gone,
}
