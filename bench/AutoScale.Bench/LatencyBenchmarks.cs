using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace AutoScale.Bench;

/// <summary>What a client waits for once workers are warm: first audio byte, and jobs through the whole cluster.</summary>
public static class LatencyBenchmarks
{
    internal static HttpClient Client(BenchGateway gateway)
    {
        var client = new HttpClient { BaseAddress = gateway.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", gateway.TenantKey);
        return client;
    }

    internal static async Task<string> SubmitAsync(HttpClient client, string text)
    {
        using var response = await client.PostAsync("/v1/jobs", new StringContent(JsonSerializer.Serialize(new { text }), Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Submit a one-sentence job, then read its audio at once: time until the first byte arrives.</summary>
    public static async Task<LatencyStats> FirstAudioAsync(BenchGateway gateway, int jobs)
    {
        using var client = Client(gateway);
        var latencies = new List<double>();
        for (var i = -5; i < jobs; i++)
        {
            var clock = Stopwatch.StartNew();
            var id = await SubmitAsync(client, $"Sentence number {i} is ready to be spoken.");
            using var audio = await client.GetAsync($"/v1/jobs/{id}/audio", HttpCompletionOption.ResponseHeadersRead);
            await using var body = await audio.Content.ReadAsStreamAsync();
            var first = new byte[1];
            await body.ReadExactlyAsync(first);
            if (i >= 0)
            {
                latencies.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        return new LatencyStats(latencies);
    }

    /// <summary>POST /v1/audio/speech with a one-sentence input (wav): time until the first audio byte arrives.</summary>
    public static async Task<LatencyStats> OpenAiSpeechFirstAudioAsync(BenchGateway gateway, int requests, string format = "wav") =>
        new((await OpenAiSpeechTimingsAsync(gateway, requests, format: format)).Select(t => t.FirstByteMilliseconds));

    /// <summary>
    /// <paramref name="requests"/> one-sentence <c>POST /v1/audio/speech</c> calls in turn (after <paramref name="warmUp"/>
    /// unmeasured ones), in <paramref name="format"/>: per call the time to the first audio byte, to the last, and the bytes.
    /// </summary>
    public static async Task<IReadOnlyList<SpeechTiming>> OpenAiSpeechTimingsAsync(
        BenchGateway gateway, int requests, string model = "tts-1", int warmUp = 5, string format = "wav")
    {
        using var client = Client(gateway);
        var timings = new List<SpeechTiming>();
        for (var i = -warmUp; i < requests; i++)
        {
            var body = JsonSerializer.Serialize(new { model, voice = "alloy", input = $"Sentence number {i} is ready to be spoken.", response_format = format });
            var clock = Stopwatch.StartNew();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/audio/speech") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using var audio = await response.Content.ReadAsStreamAsync();
            var first = new byte[1];
            await audio.ReadExactlyAsync(first);
            var firstByte = clock.Elapsed.TotalMilliseconds;
            var counter = new MemoryStream();
            await audio.CopyToAsync(counter);
            if (i >= 0)
            {
                timings.Add(new SpeechTiming(firstByte, clock.Elapsed.TotalMilliseconds, 1 + counter.Length));
            }
        }

        return timings;
    }

    /// <summary>Submits jobs of one short sentence each and waits until all succeeded: jobs (chunks) per second.</summary>
    /// <summary>
    /// Submits <paramref name="jobs"/> one-sentence jobs from <paramref name="producers"/> concurrent clients (each
    /// sends its next as soon as its last got a 202, as the Hangfire and plain-SQL runs do) and waits until every one
    /// succeeded, counted in the jobs table the way Hangfire's run counts its succeeded list.
    /// </summary>
    public static async Task<(int Jobs, TimeSpan Elapsed)> ThroughputAsync(BenchGateway gateway, int jobs, int producers = 32)
    {
        using var client = Client(gateway);
        await using var dataSource = NpgsqlDataSource.Create(gateway.Database);
        var before = await CountSucceededAsync(dataSource);
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, jobs), new ParallelOptions { MaxDegreeOfParallelism = producers },
            async (i, _) => await SubmitAsync(client, $"Job {i}."));
        while (await CountSucceededAsync(dataSource) < before + jobs)
        {
            await Task.Delay(20);
        }

        return (jobs, clock.Elapsed);
    }

    private static async Task<long> CountSucceededAsync(NpgsqlDataSource dataSource)
    {
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM jobs WHERE status = 'succeeded'");
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>Polls the job every 20 ms until it succeeded; throws if it ended otherwise.</summary>
    internal static async Task WaitUntilSucceededAsync(HttpClient client, string id)
    {
        while (true)
        {
            var job = JsonDocument.Parse(await client.GetStringAsync($"/v1/jobs/{id}")).RootElement;
            var status = job.GetProperty("status").GetString();
            if (status == "succeeded")
            {
                return;
            }

            if (status is "failed" or "cancelled")
            {
                throw new InvalidOperationException($"Job {id} ended {status}.");
            }

            await Task.Delay(20);
        }
    }

    public static string Row(string what, LatencyStats stats) => string.Create(CultureInfo.InvariantCulture,
        $"{what,-40} n={stats.Count,5}  p50 {stats.Percentile(50),7:0.0} ms  p90 {stats.Percentile(90),7:0.0} ms  p99 {stats.Percentile(99),7:0.0} ms  max {stats.Max,7:0.0} ms");
}
