using Orleans.Concurrency;

namespace AutoScale.Interfaces.Fleet;

/// <summary>
/// The cluster's one scaler (key 0): on a grain timer it reads each pool's backlog and workers, decides with the
/// scaling policy and converges the fleet through the provider. A reminder wakes it after any restart.
/// </summary>
[Alias("scaler")]
public interface IScalerGrain : IGrainWithIntegerKey
{
    /// <summary>Activates it and registers its wake-up reminder. Idempotent.</summary>
    [Alias("ensure-running")]
    Task EnsureRunningAsync();

    /// <summary>The fleet and the pools as of the last tick.</summary>
    [Alias("overview"), AlwaysInterleave]
    Task<FleetOverview> GetOverviewAsync();

    /// <summary>Changes a pool's bounds at run time (kept in the database); the next tick acts on them. Null for a pool it does not manage.</summary>
    [Alias("set-bounds")]
    Task<PoolView?> SetBoundsAsync(string pool, int min, int max);

    /// <summary>
    /// Sets the image new workers of the pool run (kept in the database) and rolls the pool's workers onto it: new ones
    /// ready before old ones drain. Null for a pool it does not manage.
    /// </summary>
    /// <exception cref="ArgumentException">The provider cannot use this image.</exception>
    [Alias("set-image")]
    Task<PoolView?> SetImageAsync(string pool, string image);

    /// <summary>
    /// A worker of <paramref name="pool"/> could not load its engine (model files missing, wrong weights…). The pool
    /// is not scaled up again with the same image until an operator sets its bounds or its image, or a worker of it
    /// becomes ready; <c>/v1/models</c> shows the reason.
    /// </summary>
    [Alias("report-unservable")]
    Task ReportUnservableAsync(string pool, string? fleetId, string workerId, string reason);
}
