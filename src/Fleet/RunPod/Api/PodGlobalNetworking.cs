using System.Text.Json.Serialization;

namespace AutoScale.Fleet.RunPod.Api;

/// <summary>The pod's private address on RunPod's global network; <c>ip</c> and <c>internalDns</c> only when enabled.</summary>
internal sealed record PodGlobalNetworking(
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("ip")] string? Ip,
    [property: JsonPropertyName("internalDns")] string? InternalDns);
