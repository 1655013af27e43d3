using System.Text.Json.Serialization;

namespace AutoScale.Fleet.RunPod.Api;

/// <summary>The spec's Mounts. Workers only ever mount a network volume (at most one, per the spec).</summary>
internal sealed record PodMounts(
    [property: JsonPropertyName("network")] IReadOnlyList<NetworkMount>? Network);
