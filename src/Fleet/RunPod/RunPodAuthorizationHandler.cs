using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace AutoScale.Fleet.RunPod;

/// <summary>Sends the API key as RunPod's bearer token on every attempt.</summary>
internal sealed class RunPodAuthorizationHandler(IOptions<RunPodOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.ApiKey);
        return base.SendAsync(request, cancellationToken);
    }
}
