using System.Text;
using System.Text.Json;
using AutoScale.Gateway.Jobs;
using AutoScale.Grains.Jobs;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AutoScale.Gateway.Webhooks;

/// <summary>
/// Sends due webhook deliveries (written by job grains when a job ends): POST of the job body, signed with the
/// tenant's secret, retried with exponential backoff until a 2xx or the attempts run out. Rows are claimed with
/// <c>FOR UPDATE SKIP LOCKED</c>, so several gateways never send one delivery at once.
/// </summary>
public sealed partial class WebhookDispatcher(
    NpgsqlDataSource dataSource,
    JobStore jobs,
    IHttpClientFactory httpClients,
    IOptions<WebhookOptions> options,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "webhooks";

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
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var due = new List<(long Id, Guid JobId, string Url, int Attempts, string Secret)>();
        await using (var claim = new NpgsqlCommand("""
            SELECT d.id, d.job_id, d.url, d.attempts, t.webhook_secret
            FROM webhook_deliveries d JOIN jobs j ON j.id = d.job_id JOIN tenants t ON t.id = j.tenant_id
            WHERE d.delivered_at IS NULL AND d.gave_up_at IS NULL AND d.next_attempt_at <= now()
            ORDER BY d.next_attempt_at LIMIT 16
            FOR UPDATE OF d SKIP LOCKED
            """, connection, transaction))
        await using (var reader = await claim.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                due.Add((reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4)));
            }
        }

        foreach (var delivery in due)
        {
            var error = await SendAsync(delivery.JobId, delivery.Url, delivery.Secret, cancellationToken);
            var attempts = delivery.Attempts + 1;
            var settings = options.Value;
            await using var record = new NpgsqlCommand("""
                UPDATE webhook_deliveries SET attempts = $2, last_error = $3,
                  delivered_at = CASE WHEN $3 IS NULL THEN now() END,
                  gave_up_at = CASE WHEN $3 IS NOT NULL AND $2 >= $4 THEN now() END,
                  next_attempt_at = now() + make_interval(secs => $5)
                WHERE id = $1
                """, connection, transaction);
            record.Parameters.AddWithValue(delivery.Id);
            record.Parameters.AddWithValue(attempts);
            record.Parameters.Add(new NpgsqlParameter { Value = (object?)error ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            record.Parameters.AddWithValue(settings.MaxAttempts);
            record.Parameters.AddWithValue(Math.Min(settings.MaxDelaySeconds, settings.FirstDelaySeconds * Math.Pow(2, attempts - 1)));
            await record.ExecuteNonQueryAsync(cancellationToken);
            if (error is null)
            {
                LogDelivered(delivery.JobId, attempts);
            }
            else
            {
                LogAttemptFailed(delivery.JobId, attempts, error);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return due.Count;
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
