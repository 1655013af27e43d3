using System.Text.Json.Serialization;

namespace AutoScale.Fleet.RunPod.Api;

/// <summary>
/// The body of <c>POST /v2/pods</c>: the spec's CreatePodRequest (ContainerConfig plus placement). Only the fields
/// a worker pod needs; nulls are left out when serialised, so an absent field takes RunPod's default.
/// </summary>
internal sealed record CreatePodRequest(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("image")] string Image,
    [property: JsonPropertyName("gpu")] CreatePodGpu Gpu,
    [property: JsonPropertyName("cloud")] string Cloud,
    [property: JsonPropertyName("dataCenterIds")] IReadOnlyList<string>? DataCenterIds,
    [property: JsonPropertyName("disk")] int Disk,
    [property: JsonPropertyName("env")] IReadOnlyDictionary<string, string> Env,
    [property: JsonPropertyName("ports")] IReadOnlyList<string>? Ports,
    [property: JsonPropertyName("globalNetworking")] bool GlobalNetworking,
    [property: JsonPropertyName("mounts")] PodMounts? Mounts,
    [property: JsonPropertyName("registry")] string? Registry);
