using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Gateway.Webhooks;
using AutoScale.Testing;

namespace AutoScale.Gateway.Tests.EndToEnd;

/// <summary>What a client gets from a job besides its status: events, progressive audio, ranges, opus, webhook.</summary>
public sealed class JobOutputsEndToEndTests : IAsyncLifetime
{
    private GatewayInstance _gateway = null!;
    private ServiceProcess _worker = null!;

    public async Task InitializeAsync()
    {
        var database = await TestPostgres.CreateEmptyDatabaseAsync("e2eoutputs");
        var artifacts = Path.Combine(Path.GetTempPath(), "autoscale-test-artifacts", Guid.NewGuid().ToString("N"));
        _gateway = await GatewayInstance.StartAsync(database, new Dictionary<string, string>
        {
            ["Artifacts__Path"] = artifacts,
            ["Webhooks__FirstDelaySeconds"] = "0.2",
            ["Webhooks__PollSeconds"] = "0.2",
            // The receiver is on loopback, which webhooks may only reach when an operator allows it.
            ["Webhooks__AllowedHosts__0"] = "127.0.0.1",
        });
        _worker = await WorkerInstance.StartAsync(database, artifacts, "worker");
    }

    public async Task DisposeAsync()
    {
        await _worker.DisposeAsync();
        await _gateway.DisposeAsync();
    }

    private async Task<(HttpClient Client, string Secret)> TenantAsync()
    {
        using var admin = _gateway.Client(_gateway.AdminKey);
        var created = await (await admin.PostAsJsonAsync("/admin/tenants", new { name = "listener" })).JsonAsync();
        return (_gateway.Client(created.GetProperty("apiKey").GetString()), created.GetProperty("webhookSecret").GetString()!);
    }

    [Fact]
    public async Task Events_report_every_chunk_and_end_with_the_final_state()
    {
        var (client, _) = await TenantAsync();
        var job = await (await client.SubmitAsync(new { text = SpeechText.OfLength(1_500) })).JsonAsync();
        var id = job.GetProperty("id").GetString();

        using var events = await client.GetAsync($"/v1/jobs/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        var text = await events.Content.ReadAsStringAsync();

        Assert.Equal("text/event-stream", events.Content.Headers.ContentType?.MediaType);
        var names = text.Split('\n').Where(l => l.StartsWith("event: ", StringComparison.Ordinal)).Select(l => l[7..]).ToList();
        Assert.Equal(job.GetProperty("progress").GetProperty("chunksTotal").GetInt32(), names.Count(n => n == "chunk"));
        Assert.Contains("progress", names);
        Assert.Equal("succeeded", names[^1]);
    }

    [Fact]
    public async Task Audio_requested_at_once_streams_the_whole_file_as_it_is_made()
    {
        var (client, _) = await TenantAsync();
        var job = await (await client.SubmitAsync(new { text = SpeechText.OfLength(3_000) })).JsonAsync();
        var id = job.GetProperty("id").GetString();

        using var audio = await client.GetAsync($"/v1/jobs/{id}/audio", HttpCompletionOption.ResponseHeadersRead);
        var progressive = await audio.Content.ReadAsByteArrayAsync();
        var whole = await (await client.GetAsync($"/v1/jobs/{id}/audio")).Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, audio.StatusCode);
        Assert.Equal(whole.Length, progressive.Length);
        Assert.Equal(whole[44..], progressive[44..]);
    }

    [Fact]
    public async Task A_finished_jobs_audio_answers_range_requests()
    {
        var (client, _) = await TenantAsync();
        var id = (await (await client.SubmitAsync(new { text = "A short job to fetch in pieces. It has two sentences." })).JsonAsync()).GetProperty("id").GetString()!;
        await Eventually.TrueAsync(async () => (await (await client.GetAsync($"/v1/jobs/{id}")).JsonAsync()).GetProperty("status").GetString() == "succeeded",
            TimeSpan.FromMinutes(1), "the job to succeed");
        var whole = await (await client.GetAsync($"/v1/jobs/{id}/audio")).Content.ReadAsByteArrayAsync();

        var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/jobs/{id}/audio");
        request.Headers.Range = new RangeHeaderValue(100, 1099);
        var part = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(whole[100..1100], await part.Content.ReadAsByteArrayAsync());
        Assert.Equal(whole.Length, part.Content.Headers.ContentRange?.Length);
    }

    [Fact]
    public async Task An_opus_job_comes_back_as_ogg_opus()
    {
        var (client, _) = await TenantAsync();
        var id = (await (await client.SubmitAsync(new { text = "Opus, please.", format = "opus" })).JsonAsync()).GetProperty("id").GetString()!;
        await Eventually.TrueAsync(async () => (await (await client.GetAsync($"/v1/jobs/{id}")).JsonAsync()).GetProperty("status").GetString() == "succeeded",
            TimeSpan.FromMinutes(1), "the job to succeed");

        var audio = await client.GetAsync($"/v1/jobs/{id}/audio");
        var bytes = await audio.Content.ReadAsByteArrayAsync();

        Assert.Equal("audio/ogg", audio.Content.Headers.ContentType?.MediaType);
        Assert.Equal("OggS"u8.ToArray(), bytes[..4]);
        Assert.Contains("OpusHead", System.Text.Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_finished_jobs_webhook_is_retried_until_delivered_and_signed_with_the_tenants_secret()
    {
        var (client, secret) = await TenantAsync();
        await using var receiver = new WebhookReceiver(failFirst: 2);

        var id = (await (await client.SubmitAsync(new { text = "Call me back.", webhookUrl = receiver.Url })).JsonAsync()).GetProperty("id").GetString();
        await Eventually.TrueAsync(() => Task.FromResult(!receiver.Received.IsEmpty), TimeSpan.FromMinutes(1), "the webhook to be delivered");

        var (signature, body) = receiver.Received.Single();
        var job = JsonDocument.Parse(body).RootElement;
        Assert.Equal(3, receiver.Attempts);
        Assert.Equal(id, job.GetProperty("id").GetString());
        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.True(WebhookSignature.Verify(secret, signature, body), $"signature {signature} does not verify");
        Assert.False(WebhookSignature.Verify("another tenant's secret", signature, body));
    }

    [Fact]
    public async Task A_webhook_answered_with_a_redirect_is_a_failed_attempt_and_the_redirect_is_not_followed()
    {
        var (client, _) = await TenantAsync();
        await using var target = new WebhookReceiver(failFirst: 0);
        await using var redirecting = new WebhookReceiver(failFirst: 0, redirectTo: target.Url);

        (await client.SubmitAsync(new { text = "Call me elsewhere.", webhookUrl = redirecting.Url })).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref redirecting.Attempts) >= 2), TimeSpan.FromMinutes(1),
            "the webhook to be tried again after its redirect");

        // Attempts are sent one after another: had the first followed its redirect, the target would have it by now.
        Assert.Equal(0, Volatile.Read(ref target.Attempts));
    }
}
