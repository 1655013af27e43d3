using System.Text.Json.Serialization;

namespace AutoScale.Fleet.RunPod.Api;

/// <summary>The spec's CreateGpuConfig: one GPU type, placed exactly as named (RunPod never substitutes another).</summary>
internal sealed record CreatePodGpu(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("minCudaVersion")] string? MinCudaVersion);
