namespace AutoScale.Fleet.Providers;

/// <summary>
/// Where worker silos come from. Every call is idempotent: provisioning a worker id twice gives the same worker,
/// terminating an unknown or finished one is done. <see cref="ListAsync"/> answers from the provider's own truth
/// (running processes, the pod list), so the scaler can reconcile after a restart: adopt what it owns, forget the rest.
/// </summary>
public interface IFleetProvider
{
    /// <summary><c>local</c>, <c>runpod</c>…</summary>
    string Name { get; }

    /// <summary>Why <paramref name="image"/> cannot be used for workers of this provider, or null when it can.</summary>
    string? ProblemWithImage(string image);

    /// <summary>Starts one worker silo. Throws <see cref="FleetCapacityException"/> when no capacity could be found.</summary>
    Task<ProvisionedWorker> ProvisionAsync(ProvisionRequest request, CancellationToken cancellationToken);

    /// <summary>Every worker this provider owns (by the fleet's name prefix), whoever created it; never anyone else's.</summary>
    Task<IReadOnlyList<ProvisionedWorker>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Ends a worker for good. A worker that is already gone counts as done.</summary>
    Task TerminateAsync(string providerId, CancellationToken cancellationToken);
}
