namespace AutoScale.Fleet.Scaling;

/// <summary>
/// A fleet worker's life as the scaler moves it (see <see cref="WorkerLifecycle"/>). The wire and the database spell it
/// <c>AutoScale.Interfaces.Fleet.FleetWorkerState</c>, with the same members: the core takes no Orleans contract, so the
/// fleet simulator runs it too, and the scaler grain maps one to the other by name.
/// </summary>
public enum WorkerStage
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
