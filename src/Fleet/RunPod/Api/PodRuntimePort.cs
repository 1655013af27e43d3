using System.Text.Json.Serialization;

namespace AutoScale.Fleet.RunPod.Api;

/// <summary>One live port mapping: the container's port, the public one it is reached at, and on which IP.</summary>
internal sealed record PodRuntimePort(
    [property: JsonPropertyName("private")] int Private,
    [property: JsonPropertyName("public")] int? Public,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("ip")] string? Ip);
