namespace AutoScale.Fleet.Providers;

/// <summary>A worker as its provider sees it.</summary>
/// <param name="WorkerId">The fleet's name for it (see <see cref="ProvisionRequest.WorkerId"/>).</param>
/// <param name="ProviderId">The provider's handle: a process id, a pod id.</param>
/// <param name="Pool">The pool it serves.</param>
/// <param name="Image">What it runs: a container image, or a local worker build's folder.</param>
/// <param name="Status">Whether it is still starting, running, or has ended.</param>
/// <param name="CostPerHourUsd">What it costs while it exists.</param>
/// <param name="CreatedAt">When the provider created it.</param>
public sealed record ProvisionedWorker(
    string WorkerId,
    string ProviderId,
    string Pool,
    string Image,
    ProviderWorkerStatus Status,
    decimal CostPerHourUsd,
    DateTimeOffset CreatedAt);
