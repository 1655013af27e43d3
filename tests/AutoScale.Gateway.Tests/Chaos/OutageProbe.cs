using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using AutoScale.Gateway.Tests.Infrastructure;

namespace AutoScale.Gateway.Tests.Chaos;

/// <summary>One answer (or the lack of one) the gateway gave while its database was down.</summary>
public sealed record OutageAnswer(string Request, HttpStatusCode? Status, string? MediaType, bool HasRetryAfter, string Body)
{
    /// <summary>A 503 problem with Retry-After, or a success the gateway could give without the database.</summary>
    public bool IsAcceptable => Status switch
    {
        HttpStatusCode.ServiceUnavailable => MediaType == "application/problem+json" && HasRetryAfter,
        HttpStatusCode.OK or HttpStatusCode.Accepted => true,
        _ => false,
    };

    public override string ToString() =>
        $"{Request} -> {(Status is { } status ? $"{(int)status} {MediaType} retry-after:{HasRetryAfter}" : "no answer")}: {Body[..Math.Min(300, Body.Length)]}";
}

/// <summary>Submits and reads jobs from several loops at once and records every answer, for as long as it is told.</summary>
public sealed class OutageProbe(GatewayInstance gateway, IReadOnlyList<string> tenantKeys, IReadOnlyList<AcceptedJob> known)
{
    private readonly ConcurrentQueue<OutageAnswer> _answers = new();
    private readonly ConcurrentQueue<AcceptedJob> _accepted = new();

    public IReadOnlyList<OutageAnswer> Answers => [.. _answers];

    /// <summary>Jobs that got a 202 during the probe: the product owes them as much as any other.</summary>
    public IReadOnlyList<AcceptedJob> Accepted => [.. _accepted];

    /// <summary>Runs <paramref name="loops"/> loops of alternate submits and reads until <paramref name="stop"/> is cancelled.</summary>
    public Task RunAsync(int loops, CancellationToken stop) => Task.WhenAll(Enumerable.Range(0, loops).Select(loop => Task.Run(async () =>
    {
        var tenantKey = tenantKeys[loop % tenantKeys.Count];
        using var client = gateway.Client(tenantKey);
        var mine = known.Where(j => j.TenantKey == tenantKey).ToList();
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            if (i % 2 == 0)
            {
                await RecordAsync($"POST /v1/jobs (loop {loop})", () => client.SubmitAsync(new { text = $"Submitted during the outage by loop {loop}, number {i}." }),
                    async response =>
                    {
                        if (response.StatusCode == HttpStatusCode.Accepted)
                        {
                            var job = await response.JsonAsync();
                            _accepted.Enqueue(new AcceptedJob(Guid.Parse(job.GetProperty("id").GetString()!), tenantKey, "wav"));
                        }
                    });
            }
            else
            {
                var id = mine[i % mine.Count].Id;
                await RecordAsync($"GET /v1/jobs/{id}", () => client.GetAsync($"/v1/jobs/{id}"), _ => Task.CompletedTask);
            }

            await Task.Delay(50, CancellationToken.None);
        }
    })));

    private async Task RecordAsync(string request, Func<Task<HttpResponseMessage>> send, Func<HttpResponseMessage, Task> onAnswer)
    {
        try
        {
            using var response = await send();
            await onAnswer(response);
            _answers.Enqueue(new OutageAnswer(request, response.StatusCode, response.Content.Headers.ContentType?.MediaType,
                response.Headers.RetryAfter is not null, await response.Content.ReadAsStringAsync()));
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException)
        {
            _answers.Enqueue(new OutageAnswer(request, null, null, false, exception.Message));
        }
    }
}
