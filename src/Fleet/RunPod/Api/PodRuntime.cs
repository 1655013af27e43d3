using System.Text.Json.Serialization;

namespace AutoScale.Fleet.RunPod.Api;

/// <summary>Live state of a running pod (null, or empty, before it runs).</summary>
internal sealed record PodRuntime(
    [property: JsonPropertyName("uptime")] long? Uptime,
    [property: JsonPropertyName("ports")] IReadOnlyList<PodRuntimePort>? Ports);
