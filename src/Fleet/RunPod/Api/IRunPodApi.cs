using Refit;

namespace AutoScale.Fleet.RunPod.Api;

/// <summary>
/// The pod endpoints of RunPod's REST API v2 (<c>https://api.runpod.io/v2</c>). Failures surface as Refit's
/// <see cref="ApiException"/>; <see cref="RunPodFleetProvider"/> turns them into the fleet's own exceptions.
/// </summary>
internal interface IRunPodApi
{
    /// <summary>Every pod of the account (cluster members excluded). The v2 list has no filters.</summary>
    [Get("/v2/pods")]
    Task<ListPodsResponse> ListPodsAsync(CancellationToken cancellationToken);

    /// <summary>201 with the pod, which starts out <c>PROVISIONING</c>.</summary>
    [Post("/v2/pods")]
    Task<Pod> CreatePodAsync([Body] CreatePodRequest request, CancellationToken cancellationToken);

    [Get("/v2/pods/{id}")]
    Task<Pod> GetPodAsync(string id, CancellationToken cancellationToken);

    /// <summary>204; 404 when no such pod exists (any more).</summary>
    [Delete("/v2/pods/{id}")]
    Task DeletePodAsync(string id, CancellationToken cancellationToken);
}
