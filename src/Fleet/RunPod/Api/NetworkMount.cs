using System.Text.Json.Serialization;

namespace AutoScale.Fleet.RunPod.Api;

/// <summary>A network volume (in the pod's data center) and where the container sees it.</summary>
internal sealed record NetworkMount(
    [property: JsonPropertyName("volumeId")] string VolumeId,
    [property: JsonPropertyName("path")] string Path);
