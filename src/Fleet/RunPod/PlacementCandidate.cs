namespace AutoScale.Fleet.RunPod;

/// <summary>
/// One (GPU type, data center) pair a create may name. RunPod places exactly what is asked for and never falls back,
/// so the fleet walks these in order of preference. A null <paramref name="DataCenterId"/> lets RunPod choose.
/// </summary>
internal sealed record PlacementCandidate(string GpuTypeId, string? DataCenterId)
{
    /// <summary>Every GPU type in preference order, and within each every data center (or one RunPod-chosen one).</summary>
    public static IReadOnlyList<PlacementCandidate> InPreferenceOrder(RunPodOptions options) =>
        options.DataCenterIds.Length == 0
            ? [.. options.GpuTypeIds.Select(gpu => new PlacementCandidate(gpu, null))]
            : [.. options.GpuTypeIds.SelectMany(gpu => options.DataCenterIds.Select(dataCenter => new PlacementCandidate(gpu, dataCenter)))];

    public override string ToString() => $"{GpuTypeId} in {DataCenterId ?? "any data center"}";
}
