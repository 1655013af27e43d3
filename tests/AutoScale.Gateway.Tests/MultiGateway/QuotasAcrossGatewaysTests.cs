using System.Net;
using System.Text;
using System.Text.Json;
using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Gateway.Tests.Quotas;
using Xunit.Abstractions;

namespace AutoScale.Gateway.Tests.MultiGateway;

/// <summary>A tenant's quotas are the cluster's: set on one gateway, held on both, with no double spending at the edge.</summary>
[Collection(TwoGatewaysCollection.Name)]
public sealed class QuotasAcrossGatewaysTests(TwoGateways cluster, ITestOutputHelper output)
{
    [Fact]
    public async Task Two_gateways_racing_at_the_edge_of_a_daily_quota_accept_exactly_what_it_allows()
    {
        const int jobs = 16;
        const int allowed = 7;
        var (tenant, key) = await QuotaGateway.CreateTenantAsync(cluster.A, "edge race");
        await (await QuotaGateway.PutQuotasAsync(cluster.B, tenant, new { charactersPerDay = allowed * 50 })).AssertStatusAsync(HttpStatusCode.OK);
        using var onA = cluster.A.Client(key);
        using var onB = cluster.B.Client(key);
        using var start = new ManualResetEventSlim();

        var sends = Enumerable.Range(0, jobs).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await (i % 2 == 0 ? onA : onB).SubmitAsync(new { text = QuotaGateway.Text(50), priority = "batch" });
        })).ToList();
        start.Set();

        var statuses = (await Task.WhenAll(sends)).Select(a => a.StatusCode).ToList();
        output.WriteLine($"{statuses.Count(s => s == HttpStatusCode.Accepted)} accepted, {statuses.Count(s => s == HttpStatusCode.TooManyRequests)} refused of {jobs}");
        Assert.Equal(allowed, statuses.Count(s => s == HttpStatusCode.Accepted));
        Assert.Equal(jobs - allowed, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        var usage = await (await onB.GetAsync("/v1/usage")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(allowed * 50, usage.GetProperty("totals").GetProperty("characters").GetInt64());
        Assert.Equal(allowed * 50, usage.GetProperty("quotas").GetProperty("charactersPerDay").GetProperty("used").GetInt64());
    }

    [Fact]
    public async Task The_speech_route_over_a_quota_answers_429_in_openai_shape_with_retry_after()
    {
        var (tenant, key) = await QuotaGateway.CreateTenantAsync(cluster.A, "speech quota");
        await (await QuotaGateway.PutQuotasAsync(cluster.A, tenant, new { charactersPerDay = 30 })).AssertStatusAsync(HttpStatusCode.OK);
        using var client = cluster.B.Client(key);
        var body = JsonSerializer.Serialize(new { model = "tts-1", voice = "alloy", input = QuotaGateway.Text(31), response_format = "wav" });

        var response = await client.PostAsync("/v1/audio/speech", new StringContent(body, Encoding.UTF8, "application/json"));

        var error = (await response.JsonAsync()).GetProperty("error");
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(("quota_exceeded", "insufficient_quota"), (error.GetProperty("code").GetString(), error.GetProperty("type").GetString()));
        Assert.Contains("charactersPerDay", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Null(response.Headers.RetryAfter);
        var fits = await client.PostAsync("/v1/audio/speech", new StringContent(
            JsonSerializer.Serialize(new { model = "tts-1", voice = "alloy", input = QuotaGateway.Text(20), response_format = "wav" }), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
        var over = await client.PostAsync("/v1/audio/speech", new StringContent(
            JsonSerializer.Serialize(new { model = "tts-1", voice = "alloy", input = QuotaGateway.Text(20), response_format = "wav" }), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.TooManyRequests, over.StatusCode);
        Assert.True(over.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a quota that resets says when");
    }
}
