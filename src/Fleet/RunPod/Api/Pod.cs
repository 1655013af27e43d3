using System.Text.Json.Serialization;

namespace AutoScale.Fleet.RunPod.Api;

/// <summary>The spec's Pod, as far as the fleet reads it.</summary>
internal sealed record Pod(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("image")] string? Image,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("env")] IReadOnlyDictionary<string, string>? Env,
    [property: JsonPropertyName("ports")] IReadOnlyList<string>? Ports,
    [property: JsonPropertyName("disk")] int? Disk,
    [property: JsonPropertyName("cost")] decimal Cost,
    [property: JsonPropertyName("gpu")] PodGpu? Gpu,
    [property: JsonPropertyName("cloud")] string? Cloud,
    [property: JsonPropertyName("dataCenterId")] string? DataCenterId,
    [property: JsonPropertyName("cudaVersion")] string? CudaVersion,
    [property: JsonPropertyName("globalNetworking")] PodGlobalNetworking? GlobalNetworking,
    [property: JsonPropertyName("runtime")] PodRuntime? Runtime,
    [property: JsonPropertyName("createdAt")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("startedAt")] DateTimeOffset? StartedAt);
