using AutoScale.Fleet.Providers;
using AutoScale.Fleet.RunPod.Api;

namespace AutoScale.Fleet.RunPod;

/// <summary>The create body for one worker on one placement candidate.</summary>
internal static class WorkerPodSpec
{
    /// <summary>
    /// Asked for as "N/tcp" with N above 65535, RunPod maps a port symmetrically (the same number inside and outside)
    /// and tells the container which one in <c>RUNPOD_TCP_PORT_70000</c>; the worker listens and advertises there.
    /// </summary>
    public const string SymmetricSiloPort = "70000/tcp";

    public static CreatePodRequest Compose(RunPodOptions options, ProvisionRequest request, PlacementCandidate candidate)
    {
        var image = string.IsNullOrWhiteSpace(request.Image) ? options.ImageName : request.Image;
        if (string.IsNullOrWhiteSpace(image))
        {
            throw new ArgumentException("The request names no image and RunPod:ImageName is not set.", nameof(request));
        }

        return new CreatePodRequest(
            Name: request.WorkerId,
            Image: image,
            Gpu: new CreatePodGpu(candidate.GpuTypeId, Count: 1, options.MinCudaVersion),
            Cloud: options.Cloud,
            DataCenterIds: candidate.DataCenterId is null ? null : [candidate.DataCenterId],
            Disk: options.ContainerDiskGb,
            Env: Environment(options, request),
            Ports: options.GlobalNetworking ? null : [SymmetricSiloPort],
            GlobalNetworking: options.GlobalNetworking,
            Mounts: options.NetworkVolumeId is null
                ? null
                : new PodMounts([new NetworkMount(options.NetworkVolumeId, options.MountPath)]),
            Registry: options.RegistryAuthId);
    }

    private static Dictionary<string, string> Environment(RunPodOptions options, ProvisionRequest request)
    {
        var environment = new Dictionary<string, string>(request.Environment, StringComparer.Ordinal);
        environment.TryAdd(WorkerPods.PoolVariable, request.Pool);
        // A pod's addresses are not its own interface's: listen everywhere, advertise what RunPod publishes.
        environment["Orleans__ListenOnAnyAddress"] = "true";
        // Tells the worker which address to advertise: podnet1 (true) or RUNPOD_PUBLIC_IP:RUNPOD_TCP_PORT_70000 (false).
        environment["RunPod__GlobalNetworking"] = options.GlobalNetworking ? "true" : "false";
        return environment;
    }
}
