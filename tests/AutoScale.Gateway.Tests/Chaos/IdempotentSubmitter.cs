using System.Collections.Concurrent;
using System.Net;
using AutoScale.Gateway.Tests.Infrastructure;

namespace AutoScale.Gateway.Tests.Chaos;

/// <summary>One try of one submit: when it was sent and answered, and what came back (a status, or why none).</summary>
public sealed record SubmitAttempt(string Key, DateTimeOffset SentAt, DateTimeOffset EndedAt, HttpStatusCode? Status, string Outcome)
{
    public bool Failed => Status != HttpStatusCode.Accepted;

    public override string ToString() =>
        $"{Key} sent {SentAt:HH:mm:ss.fff}, ended {EndedAt:HH:mm:ss.fff}: {Status?.ToString() ?? "no answer"} {Outcome[..Math.Min(200, Outcome.Length)]}";
}

/// <summary>
/// Submits jobs as a careful client does: each with its own <c>Idempotency-Key</c>, and a failed try (no answer, or a
/// 5xx) sent again with the same key until a 202. Records every try, so a test can say which failed and when.
/// </summary>
public sealed class IdempotentSubmitter(Func<string, HttpClient> clientFor, TimeSpan pause)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(90);

    private readonly ConcurrentQueue<SubmitAttempt> _attempts = new();
    private readonly ConcurrentDictionary<string, AcceptedJob> _accepted = new();

    public IReadOnlyList<SubmitAttempt> Attempts => [.. _attempts];

    /// <summary>Jobs accepted so far, by idempotency key.</summary>
    public IReadOnlyDictionary<string, AcceptedJob> Accepted => _accepted;

    /// <summary>Submits request i with key <c>{keyPrefix}-{i}</c>, <paramref name="concurrency"/> at a time, each sender pausing between its jobs.</summary>
    public async Task SubmitAllAsync(IReadOnlyList<ChaosJobRequest> requests, string keyPrefix, int concurrency)
    {
        var clients = requests.Select(r => r.TenantKey).Distinct().ToDictionary(key => key, clientFor);
        try
        {
            await Parallel.ForEachAsync(
                requests.Select((request, i) => (request, key: $"{keyPrefix}-{i}")),
                new ParallelOptions { MaxDegreeOfParallelism = concurrency },
                async (item, _) =>
                {
                    await SubmitOneAsync(clients[item.request.TenantKey], item.request, item.key);
                    // Paced so that the batch is still arriving when the test kills a gateway.
                    await Task.Delay(pause, CancellationToken.None);
                });
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }
    }

    private async Task SubmitOneAsync(HttpClient client, ChaosJobRequest request, string key)
    {
        var deadline = DateTimeOffset.UtcNow + GiveUpAfter;
        while (true)
        {
            var sentAt = DateTimeOffset.UtcNow;
            HttpStatusCode? status = null;
            string outcome;
            try
            {
                using var response = await client.SubmitAsync(new { text = request.Text, voice = request.Voice, format = request.Format }, key);
                status = response.StatusCode;
                outcome = await response.Content.ReadAsStringAsync();
                if (status == HttpStatusCode.Accepted)
                {
                    var id = Guid.Parse((await response.JsonAsync()).GetProperty("id").GetString()!);
                    _attempts.Enqueue(new SubmitAttempt(key, sentAt, DateTimeOffset.UtcNow, status, ""));
                    var job = _accepted.GetOrAdd(key, new AcceptedJob(id, request.TenantKey, request.Format));
                    Assert.True(job.Id == id, $"Key {key} was answered with job {job.Id} first and {id} on a retry.");
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                outcome = exception.Message;
            }

            _attempts.Enqueue(new SubmitAttempt(key, sentAt, DateTimeOffset.UtcNow, status, outcome));
            Assert.True(status is null || (int)status >= 500, $"Key {key} was refused for good: {status} {outcome}");
            Assert.True(DateTimeOffset.UtcNow < deadline, $"Key {key} was still not accepted after {GiveUpAfter.TotalSeconds:0} s: {outcome}");
            await Task.Delay(RetryDelay, CancellationToken.None);
        }
    }
}
