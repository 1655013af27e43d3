using System.Net;
using System.Text;
using System.Text.Json;
using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Gateway.Tests.Speech;

namespace AutoScale.Gateway.Tests.Fleet;

/// <summary>
/// <c>POST /v1/audio/speech</c> while the model's pool has no ready worker but the local fleet is starting one: the request
/// waits at most <c>Speech:WorkerWaitSeconds</c>, then answers 503 with <c>Retry-After</c> and cancels its job.
/// </summary>
public sealed class SpeechWorkerWaitTests
{
    private static Task<HttpResponseMessage> SpeakAsync(HttpClient client) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/v1/audio/speech")
        {
            Content = new StringContent(
                JsonSerializer.Serialize(new { model = "tts-1", voice = "alloy", input = "Is anybody there?", response_format = "wav" }),
                Encoding.UTF8, "application/json"),
        });

    [Fact]
    public async Task A_speech_request_waits_only_its_bound_for_a_starting_worker_then_gets_503_with_retry_after_and_its_job_is_cancelled()
    {
        // A worker process takes seconds to start and join; a one-second bound is over before it is ready.
        await using var fleet = await LocalFleet.StartAsync("speechwait", maxWorkers: 1, idleSeconds: 60, new Dictionary<string, string>
        {
            ["Speech__WorkerWaitSeconds"] = "1",
        });
        using var client = fleet.Gateway.Client(await fleet.Gateway.CreateTenantAsync("impatient"));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var refused = await SpeakAsync(client);
        var waited = clock.Elapsed;

        var body = await refused.JsonAsync();
        Assert.True(refused.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)refused.StatusCode}: {body}");
        Assert.True(waited >= TimeSpan.FromSeconds(1) && waited < TimeSpan.FromSeconds(10), $"answered after {waited}");
        Assert.Equal("model_unavailable", body.GetProperty("error").GetProperty("code").GetString());
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {refused.Headers.RetryAfter}");
        var jobId = refused.Headers.GetValues("X-Job-Id").Single();
        var job = await (await client.GetAsync($"/v1/jobs/{jobId}")).JsonAsync();
        Assert.Equal("cancelled", job.GetProperty("status").GetString());

        // The worker the request brought keeps starting; once it is ready, the same request speaks.
        await fleet.WaitForAsync(workers => workers.Any(w => w.GetProperty("state").GetString() == "ready"), TimeSpan.FromSeconds(60), "the eSpeak worker ready");
        using var spoken = await SpeakAsync(client);
        Assert.Equal(HttpStatusCode.OK, spoken.StatusCode);
        Assert.True(StreamedWav.Parse(await spoken.Content.ReadAsByteArrayAsync()).DataBytes > 0);
    }
}
