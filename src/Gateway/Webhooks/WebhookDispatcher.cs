using System.Text;
using System.Text.Json;
using AutoScale.Gateway.Jobs;
using AutoScale.Grains.Jobs;
using AutoScale.Grains.Webhooks;
using Microsoft.Extensions.Options;

namespace AutoScale.Gateway.Webhooks;

/// <summary>
/// Sends due webhook deliveries (written by job grains when a job ends): POST of the job body, signed with the
/// tenant's secret, retried with exponential backoff until a 2xx or the attempts run out. Deliveries are claimed
/// through <see cref="WebhookStore"/> with <c>FOR UPDATE SKIP LOCKED</c>, so several gateways never send one at once.
/// </summary>
public sealed partial class WebhookDispatcher(
    WebhookStore webhooks,
    JobStore jobs,
    IHttpClientFactory httpClients,
    IOptions<WebhookOptions> options,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "webhooks";

    // Deliveries claimed (and sent one after another) per transaction.
    private const int BatchSize = 16;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.PollSeconds), time);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await DeliverDueAsync(stoppingToken) > 0)
                {
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogPollFailed(exception);
            }

            try
            {
                await timer.WaitForNextTickAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        await using var claim = await webhooks.ClaimDueAsync(BatchSize, cancellationToken);
        foreach (var delivery in claim.Deliveries)
        {
            var error = await SendAsync(delivery.JobId, delivery.Url, delivery.Secret, cancellationToken);
            var attempts = delivery.Attempts + 1;
            var settings = options.Value;
            var nextDelay = TimeSpan.FromSeconds(Math.Min(settings.MaxDelaySeconds, settings.FirstDelaySeconds * Math.Pow(2, attempts - 1)));
            await claim.RecordAttemptAsync(delivery, attempts, error, settings.MaxAttempts, nextDelay, cancellationToken);
            if (error is null)
            {
                LogDelivered(delivery.JobId, attempts);
            }
            else
            {
                LogAttemptFailed(delivery.JobId, attempts, error);
            }
        }

        await claim.CommitAsync(cancellationToken);
        return claim.Deliveries.Count;
    }

    /// <summary>Null on success, else why it failed.</summary>
    private async Task<string?> SendAsync(Guid jobId, string url, string secret, CancellationToken cancellationToken)
    {
        var job = await jobs.LoadAsync(jobId, cancellationToken);
        if (job is null)
        {
            return "the job no longer exists";
        }

        var body = JsonSerializer.Serialize(JobResponse.From(job), json.Value.SerializerOptions);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Create(secret, time.GetUtcNow().ToUnixTimeSeconds(), body));
        request.Headers.Add("X-AutoScale-Job", jobId.ToString());
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return exception.Message;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook of job {JobId} delivered (attempt {Attempt})")]
    private partial void LogDelivered(Guid jobId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook of job {JobId}, attempt {Attempt}, failed: {Error}")]
    private partial void LogAttemptFailed(Guid jobId, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Looking for due webhooks failed")]
    private partial void LogPollFailed(Exception exception);
}
