using System.Text;
using System.Text.Json;
using AutoScale.Gateway.Jobs;
using AutoScale.Gateway.Webhooks.Destinations;
using AutoScale.Grains.Jobs;
using AutoScale.Grains.Webhooks;
using Microsoft.Extensions.Options;

namespace AutoScale.Gateway.Webhooks;

/// <summary>
/// Sends due webhook deliveries (written by job grains when a job ends): POST of the job body, signed with the
/// tenant's secret, retried with exponential backoff until a 2xx or the attempts run out. Deliveries are claimed
/// through <see cref="WebhookStore"/> with <c>FOR UPDATE SKIP LOCKED</c>, so several gateways never send one at once.
/// Only destinations the <see cref="WebhookDestinationGuard"/> allows are connected to; a refused one is given up at once.
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
            var (error, refused) = await SendAsync(delivery.JobId, delivery.Url, delivery.Secret, cancellationToken);
            var attempts = delivery.Attempts + 1;
            var settings = options.Value;
            var nextDelay = TimeSpan.FromSeconds(Math.Min(settings.MaxDelaySeconds, settings.FirstDelaySeconds * Math.Pow(2, attempts - 1)));

            // A refused destination stays refused: the delivery is given up at its first attempt.
            await claim.RecordAttemptAsync(delivery, attempts, error, refused ? attempts : settings.MaxAttempts, nextDelay, cancellationToken);
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

    /// <summary>A null error on success, else why it failed, and whether it failed because the destination is refused.</summary>
    private async Task<(string? Error, bool Refused)> SendAsync(Guid jobId, string url, string secret, CancellationToken cancellationToken)
    {
        var job = await jobs.LoadAsync(jobId, cancellationToken);
        if (job is null)
        {
            return ("the job no longer exists", false);
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
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode ? (null, false)
                : (status is >= 300 and < 400 ? $"HTTP {status} (redirects are not followed)" : $"HTTP {status}", false);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or WebhookDestinationRefusedException)
        {
            return Refusal(exception) is { } refusal ? ($"refused destination: {refusal.Message}", true) : (exception.Message, false);
        }
    }

    // The guard's refusal usually comes out of the connect step wrapped in an HttpRequestException.
    private static WebhookDestinationRefusedException? Refusal(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is WebhookDestinationRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook of job {JobId} delivered (attempt {Attempt})")]
    private partial void LogDelivered(Guid jobId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook of job {JobId}, attempt {Attempt}, failed: {Error}")]
    private partial void LogAttemptFailed(Guid jobId, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Looking for due webhooks failed")]
    private partial void LogPollFailed(Exception exception);
}
