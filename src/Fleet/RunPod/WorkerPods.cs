using AutoScale.Fleet.Providers;
using AutoScale.Fleet.RunPod.Api;

namespace AutoScale.Fleet.RunPod;

/// <summary>Which pods are the fleet's workers, and what each one is in the fleet's terms.</summary>
internal static class WorkerPods
{
    /// <summary>The worker's pool setting, which the pod's env carries.</summary>
    public const string PoolVariable = "Worker__Pool";

    /// <summary>Ours by name, and not already gone (a terminated pod bills nothing and cannot be adopted).</summary>
    public static bool IsOwnedAndAlive(Pod pod, string namePrefix) =>
        pod.Name.StartsWith(namePrefix, StringComparison.Ordinal) && pod.Status != PodStatus.Terminated;

    public static ProvisionedWorker ToWorker(Pod pod, string namePrefix) => new(
        WorkerId: pod.Name,
        ProviderId: pod.Id,
        Pool: PoolOf(pod, namePrefix),
        Image: pod.Image ?? "",
        Status: StatusOf(pod.Status),
        CostPerHourUsd: pod.Cost,
        CreatedAt: pod.CreatedAt);

    /// <summary>From the env set at create; else from the name, <c>{prefix}{pool}-{random}</c>.</summary>
    public static string PoolOf(Pod pod, string namePrefix)
    {
        if (pod.Env is not null && pod.Env.TryGetValue(PoolVariable, out var pool) && !string.IsNullOrEmpty(pool))
        {
            return pool;
        }

        var rest = pod.Name[namePrefix.Length..];
        var lastDash = rest.LastIndexOf('-');
        return lastDash > 0 ? rest[..lastDash] : "";
    }

    public static ProviderWorkerStatus StatusOf(string status) => status switch
    {
        PodStatus.Running => ProviderWorkerStatus.Running,
        PodStatus.Exited or PodStatus.Error => ProviderWorkerStatus.Exited,
        // PROVISIONING, STARTING, and anything RunPod adds later: not running yet, as far as we can tell.
        _ => ProviderWorkerStatus.Starting,
    };
}
