namespace AutoScale.Interfaces.Fleet;

/// <summary>A fleet worker's life, as the scaler tracks it.</summary>
public enum FleetWorkerState
{
    /// <summary>Asked of the provider; its silo has not appeared in the membership yet.</summary>
    Booting,

    /// <summary>Its silo is in the membership, but not Active or not pulling work yet (warming up).</summary>
    Joining,

    /// <summary>Active in the membership and pulling work from its pool.</summary>
    Ready,

    /// <summary>Told to finish what it holds and leave; terminated once its silo is gone.</summary>
    Draining,

    /// <summary>Terminated.</summary>
    Gone,
}
