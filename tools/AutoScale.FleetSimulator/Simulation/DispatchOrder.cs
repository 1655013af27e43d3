namespace AutoScale.FleetSimulator.Simulation;

/// <summary>The order in which workers take queued chunks.</summary>
public enum DispatchOrder
{
    /// <summary>First in, first out: a new request's first chunk waits behind every chunk queued before it.</summary>
    Fifo,

    /// <summary>
    /// The production queue's order for one tenant (FairWorkQueue): the first chunk of a request none of whose chunks
    /// was taken goes before the rest of the started requests.
    /// </summary>
    FreshFirst,
}
