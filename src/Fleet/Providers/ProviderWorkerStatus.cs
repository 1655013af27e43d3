namespace AutoScale.Fleet.Providers;

/// <summary>
/// A worker's machine, as the provider reports it. This is never readiness: only the cluster membership (the silo
/// Active and pulling work) says a worker is ready.
/// </summary>
public enum ProviderWorkerStatus
{
    /// <summary>Created and starting (a pod provisioning or pulling its image).</summary>
    Starting,

    /// <summary>Its process or container runs.</summary>
    Running,

    /// <summary>Its process or container ended (a crash, or a drained worker that stopped) but is not yet removed.</summary>
    Exited,
}
