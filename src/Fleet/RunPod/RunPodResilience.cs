using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace AutoScale.Fleet.RunPod;

/// <summary>
/// The HTTP pipeline around every RunPod call: a total timeout, then retries with exponential backoff (a 429 waits
/// its <c>Retry-After</c>), then a timeout per attempt.
/// </summary>
internal static class RunPodResilience
{
    public const string PipelineName = "runpod";

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, RunPodOptions options)
    {
        pipeline
            .AddTimeout(TimeSpan.FromSeconds(options.RequestTimeoutSeconds))
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(options.RetryBaseDelaySeconds),
                MaxDelay = TimeSpan.FromSeconds(options.RetryMaxDelaySeconds),
                ShouldRetryAfterHeader = true,
                ShouldHandle = arguments => ValueTask.FromResult(ShouldRetry(arguments.Outcome, arguments.Context.GetRequestMessage())),
            })
            .AddTimeout(TimeSpan.FromSeconds(options.AttemptTimeoutSeconds));
    }

    /// <summary>
    /// A 429 was refused before anything happened, so any call may repeat it. A 5xx, a dropped connection or an
    /// attempt's timeout may come after a create took effect: a POST is not repeated here, but by the provider,
    /// which first looks whether the pod exists (see <see cref="RunPodTransientException"/>).
    /// </summary>
    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request)
    {
        if (outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return true;
        }

        return request?.Method != HttpMethod.Post && HttpClientResiliencePredicates.IsTransient(outcome);
    }
}
