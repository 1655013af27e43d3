using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace AutoScale.Bench;

/// <summary>
/// Submits jobs to <c>POST /v1/jobs</c> at a fixed concurrency and measures what a client sees: every request
/// answered 202 has been written durably to PostgreSQL before its answer.
/// </summary>
public sealed class SubmitBenchmark(Uri gateway, string tenantKey)
{
    public async Task<SubmitResult> RunAsync(int requests, int concurrency, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = gateway,
            Timeout = TimeSpan.FromSeconds(60),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tenantKey);

        var latencies = new ConcurrentBag<double>();
        var failures = new ConcurrentDictionary<HttpStatusCode, int>();
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < requests)
            {
                var body = new StringContent(
                    $$"""{"text":"Benchmark sentence number {{index}}. It is short, like most interactive requests."}""",
                    Encoding.UTF8, "application/json");
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsync("/v1/jobs", body, cancellationToken);
                await response.Content.ReadAsByteArrayAsync(cancellationToken);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    failures.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
                }
            }
        }, cancellationToken)));
        clock.Stop();
        return new SubmitResult(requests, concurrency, clock.Elapsed, new LatencyStats(latencies), failures.ToDictionary());
    }
}

public sealed record SubmitResult(
    int Requests, int Concurrency, TimeSpan Elapsed, LatencyStats Latency, IReadOnlyDictionary<HttpStatusCode, int> Failures)
{
    public double Throughput => Requests / Elapsed.TotalSeconds;

    public int Accepted => Requests - Failures.Values.Sum();
}
