using System.Net;
using System.Text.Json;
using AutoScale.Gateway.Tests.Infrastructure;

namespace AutoScale.Gateway.Tests.Api;

[Collection(GatewayCollection.Name)]
public sealed class JobsApiTests(GatewayFixture fixture)
{
    private GatewayInstance Gateway => fixture.Gateway;

    private static string Id(JsonElement job) => job.GetProperty("id").GetString()!;

    [Fact]
    public async Task A_submitted_job_is_accepted_queued_and_readable()
    {
        using var client = Gateway.Client(fixture.TenantA);

        var response = await client.SubmitAsync(new
        {
            text = "The quick brown fox jumps over the lazy dog. Then it sleeps.",
            voice = "en-gb",
            format = "opus",
            speed = 1.5,
            priority = "batch",
            webhookUrl = "https://example.com/hooks/tts",
            metadata = new { order = 42, tags = new[] { "a", "b" } },
        });
        var job = await response.AssertStatusAsync(HttpStatusCode.Accepted);
        var read = await (await client.GetAsync(response.Headers.Location)).AssertStatusAsync(HttpStatusCode.OK);

        Assert.Equal($"/v1/jobs/{Id(job)}", response.Headers.Location?.ToString());
        Assert.Equal("queued", job.GetProperty("status").GetString());
        Assert.Equal("en-gb", job.GetProperty("voice").GetString());
        Assert.Equal("espeak", job.GetProperty("model").GetString());
        Assert.Equal("opus", job.GetProperty("format").GetString());
        Assert.Equal(1.5, job.GetProperty("speed").GetDouble());
        Assert.Equal("batch", job.GetProperty("priority").GetString());
        Assert.Equal(60, job.GetProperty("characters").GetInt32());
        Assert.True(job.GetProperty("progress").GetProperty("chunksTotal").GetInt32() >= 1);
        Assert.Equal(0, job.GetProperty("progress").GetProperty("chunksDone").GetInt32());
        Assert.Equal(JsonValueKind.Null, job.GetProperty("error").ValueKind);
        Assert.Equal(JsonValueKind.Null, job.GetProperty("startedAt").ValueKind);
        Assert.Equal(42, job.GetProperty("metadata").GetProperty("order").GetInt32());
        Assert.Equal($"/v1/jobs/{Id(job)}/audio", job.GetProperty("links").GetProperty("audio").GetString());
        Assert.Equal(job.ToString(), read.ToString());
    }

    [Fact]
    public async Task Defaults_are_filled_in()
    {
        using var client = Gateway.Client(fixture.TenantA);

        var job = await (await client.SubmitAsync(new { text = "Hello." })).AssertStatusAsync(HttpStatusCode.Accepted);

        Assert.Equal(("espeak", "en-us", "wav", 1.0, "normal"), (
            job.GetProperty("model").GetString(), job.GetProperty("voice").GetString(), job.GetProperty("format").GetString(),
            job.GetProperty("speed").GetDouble(), job.GetProperty("priority").GetString()));
    }

    [Fact]
    public async Task Cancelling_is_idempotent_and_final()
    {
        using var client = Gateway.Client(fixture.TenantA);
        var job = await (await client.SubmitAsync(new { text = "Cancel me." })).JsonAsync();
        var path = $"/v1/jobs/{Id(job)}";

        var first = await (await client.DeleteAsync(path)).AssertStatusAsync(HttpStatusCode.Accepted);
        var second = await (await client.DeleteAsync(path)).AssertStatusAsync(HttpStatusCode.Accepted);
        var read = await (await client.GetAsync(path)).JsonAsync();

        Assert.Equal("cancelled", first.GetProperty("status").GetString());
        Assert.Equal(first.GetProperty("finishedAt").GetString(), second.GetProperty("finishedAt").GetString());
        Assert.Equal("cancelled", read.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Listing_pages_newest_first_without_gaps_or_repeats()
    {
        var key = await Gateway.CreateTenantAsync("pager");
        using var client = Gateway.Client(key);
        var submitted = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            submitted.Add(Id(await (await client.SubmitAsync(new { text = $"Job number {i}." })).JsonAsync()));
        }

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await (await client.GetAsync($"/v1/jobs?limit=3{(cursor is null ? "" : $"&cursor={cursor}")}")).AssertStatusAsync(HttpStatusCode.OK);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(Id));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Reverse(submitted), seen);
    }

    [Fact]
    public async Task Listing_filters_by_status()
    {
        var key = await Gateway.CreateTenantAsync("filter");
        using var client = Gateway.Client(key);
        var kept = Id(await (await client.SubmitAsync(new { text = "Stay." })).JsonAsync());
        var cancelled = Id(await (await client.SubmitAsync(new { text = "Go." })).JsonAsync());
        await client.DeleteAsync($"/v1/jobs/{cancelled}");

        var queued = await (await client.GetAsync("/v1/jobs?status=queued")).JsonAsync();
        var gone = await (await client.GetAsync("/v1/jobs?status=cancelled")).JsonAsync();

        Assert.Equal([kept], queued.GetProperty("items").EnumerateArray().Select(Id));
        Assert.Equal([cancelled], gone.GetProperty("items").EnumerateArray().Select(Id));
    }

    [Fact]
    public async Task The_same_idempotency_key_and_body_return_the_same_job()
    {
        using var client = Gateway.Client(fixture.TenantA);
        var key = $"retry-{Guid.NewGuid()}";

        var first = await (await client.SubmitAsync(new { text = "Once only." }, key)).AssertStatusAsync(HttpStatusCode.Accepted);
        var second = await (await client.SubmitAsync(new { text = "Once only." }, key)).AssertStatusAsync(HttpStatusCode.Accepted);

        Assert.Equal(Id(first), Id(second));
    }

    [Fact]
    public async Task Concurrent_retries_with_one_idempotency_key_make_one_job()
    {
        using var client = Gateway.Client(fixture.TenantA);
        var key = $"storm-{Guid.NewGuid()}";

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
            await (await client.SubmitAsync(new { text = "Retried in a storm." }, key)).AssertStatusAsync(HttpStatusCode.Accepted)));

        Assert.Single(answers.Select(Id).Distinct());
    }

    [Fact]
    public async Task An_idempotency_key_reused_with_another_body_is_refused()
    {
        using var client = Gateway.Client(fixture.TenantA);
        var key = $"reuse-{Guid.NewGuid()}";
        await client.SubmitAsync(new { text = "First text." }, key);

        var problem = await (await client.SubmitAsync(new { text = "Different text." }, key)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("Idempotency-Key", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Idempotency_keys_are_scoped_to_their_tenant()
    {
        using var a = Gateway.Client(fixture.TenantA);
        using var b = Gateway.Client(fixture.TenantB);
        var key = $"shared-{Guid.NewGuid()}";

        var jobA = await (await a.SubmitAsync(new { text = "Same words." }, key)).AssertStatusAsync(HttpStatusCode.Accepted);
        var jobB = await (await b.SubmitAsync(new { text = "Same words." }, key)).AssertStatusAsync(HttpStatusCode.Accepted);

        Assert.NotEqual(Id(jobA), Id(jobB));
    }

    [Fact]
    public async Task The_catalogue_lists_models_and_voices()
    {
        using var client = Gateway.Client(fixture.TenantA);

        var models = await (await client.GetAsync("/v1/models")).AssertStatusAsync(HttpStatusCode.OK);
        var voices = await (await client.GetAsync("/v1/voices?model=espeak")).AssertStatusAsync(HttpStatusCode.OK);
        var kokoroVoices = await (await client.GetAsync("/v1/voices?model=kokoro")).AssertStatusAsync(HttpStatusCode.OK);

        Assert.Equal("list", models.GetProperty("object").GetString());
        Assert.Contains(models.GetProperty("data").EnumerateArray(), m => m.GetProperty("id").GetString() == "espeak");
        Assert.All(voices.GetProperty("items").EnumerateArray(), v => Assert.Equal("espeak", v.GetProperty("model").GetString()));
        Assert.Contains(voices.GetProperty("items").EnumerateArray(), v => v.GetProperty("id").GetString() == "en-us" && v.GetProperty("available").GetBoolean());
        var kokoro = models.GetProperty("data").EnumerateArray().Single(m => m.GetProperty("id").GetString() == "kokoro");
        // Kokoro's voices are the files its workers find: none has run here, so none is listed yet.
        Assert.Equal("awaiting-workers", kokoro.GetProperty("voiceSource").GetString());
        Assert.Empty(kokoroVoices.GetProperty("items").EnumerateArray());
        Assert.True(kokoro.GetProperty("blends").GetBoolean());
        Assert.Equal("unavailable", kokoro.GetProperty("availability").GetProperty("status").GetString()); // no kokoro worker, and no fleet to start one here
        Assert.Contains("does not start workers", kokoro.GetProperty("availability").GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_and_api_documentation_are_served_without_a_key()
    {
        using var anonymous = Gateway.Client(null);

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready")).StatusCode);
        var openApi = await (await anonymous.GetAsync("/openapi/v1.json")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/v1/jobs", out _));
        var page = await anonymous.GetAsync("/scalar");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("text/html", page.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
    }
}
