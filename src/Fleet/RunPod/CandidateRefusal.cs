namespace AutoScale.Fleet.RunPod;

/// <summary>A candidate RunPod would not place a pod on: 400 (no capacity, as far as anyone can tell) or 403 (no access).</summary>
internal sealed record CandidateRefusal(PlacementCandidate Candidate, RunPodError Error)
{
    public override string ToString() => $"{Candidate} ({Error.Code})";
}
