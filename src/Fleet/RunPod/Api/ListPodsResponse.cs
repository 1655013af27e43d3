using System.Text.Json.Serialization;

namespace AutoScale.Fleet.RunPod.Api;

/// <summary>v2 wraps the pod list (v1 answered a bare array).</summary>
internal sealed record ListPodsResponse(
    [property: JsonPropertyName("pods")] IReadOnlyList<Pod> Pods);
