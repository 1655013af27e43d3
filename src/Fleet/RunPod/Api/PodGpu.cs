using System.Text.Json.Serialization;

namespace AutoScale.Fleet.RunPod.Api;

/// <summary>The spec's GpuConfig on a pod: which GPU type it got, and how many.</summary>
internal sealed record PodGpu(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("count")] int Count);
