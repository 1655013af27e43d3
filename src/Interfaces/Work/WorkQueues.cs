namespace AutoScale.Interfaces.Work;

/// <summary>
/// Addresses a pool's queue by its grain id. Worker silos do not host the queue's class, so they name its grain
/// type directly rather than have the interface resolved from a cluster manifest they may not have received yet.
/// </summary>
public static class WorkQueues
{
    /// <summary>The grain type name of the work queue grain class.</summary>
    public const string GrainType = "work-queue";

    public static IWorkQueueGrain Of(IGrainFactory grains, string pool) =>
        grains.GetGrain<IWorkQueueGrain>(GrainId.Create(GrainType, pool));
}
