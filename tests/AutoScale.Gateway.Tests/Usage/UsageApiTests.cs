using System.Net;
using System.Text.Json;
using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Gateway.Tests.Quotas;

namespace AutoScale.Gateway.Tests.Usage;

/// <summary><c>GET /v1/usage</c> from a real gateway: the buckets come from the stored jobs, and a tenant sees only its own.</summary>
public sealed class UsageApiTests(QuotaGateway fixture) : IClassFixture<QuotaGateway>
{
    private GatewayInstance Gateway => fixture.Gateway;

    [Fact]
    public async Task Usage_is_given_per_bucket_and_model_and_a_tenant_sees_only_its_own()
    {
        var (_, key) = await fixture.CreateTenantAsync("usage");
        var (_, otherKey) = await fixture.CreateTenantAsync("other");
        using var client = Gateway.Client(key);
        using var other = Gateway.Client(otherKey);
        var started = DateTime.UtcNow;
        await (await client.SubmitAsync(new { text = QuotaGateway.Text(30) })).AssertStatusAsync(HttpStatusCode.Accepted);
        await (await client.SubmitAsync(new { text = QuotaGateway.Text(20) })).AssertStatusAsync(HttpStatusCode.Accepted);
        await (await other.SubmitAsync(new { text = QuotaGateway.Text(999) })).AssertStatusAsync(HttpStatusCode.Accepted);

        var daily = await (await client.GetAsync("/v1/usage")).AssertStatusAsync(HttpStatusCode.OK);
        var hourly = await (await client.GetAsync("/v1/usage?granularity=hour")).AssertStatusAsync(HttpStatusCode.OK);
        var ended = DateTime.UtcNow;

        Assert.Equal("day", daily.GetProperty("granularity").GetString());
        foreach (var (report, start) in new[] { (daily, started.Date), (hourly, started.Date.AddHours(started.Hour)) })
        {
            // Normally one bucket; two when the test runs across a midnight or an hour.
            var buckets = report.GetProperty("buckets").EnumerateArray().ToList();
            Assert.Equal((50L, 2L), (buckets.Sum(b => b.GetProperty("characters").GetInt64()), buckets.Sum(b => b.GetProperty("jobs").GetInt64())));
            Assert.All(buckets, b => Assert.Equal("espeak", b.GetProperty("model").GetString()));
            Assert.All(buckets, b => Assert.InRange(b.GetProperty("start").GetDateTimeOffset().UtcDateTime, start, ended));
            Assert.All(buckets, b => Assert.Equal(0, b.GetProperty("costUsd").GetDouble()));
            Assert.Equal(50, report.GetProperty("totals").GetProperty("characters").GetInt64());
        }
    }

    [Fact]
    public async Task A_report_of_days_before_any_job_is_empty_and_says_so_in_numbers()
    {
        var (_, key) = await fixture.CreateTenantAsync("quiet");
        using var client = Gateway.Client(key);

        var usage = await (await client.GetAsync("/v1/usage?from=2026-01-01&to=2026-01-31")).AssertStatusAsync(HttpStatusCode.OK);

        Assert.Empty(usage.GetProperty("buckets").EnumerateArray());
        Assert.Equal(0, usage.GetProperty("totals").GetProperty("characters").GetInt64());
        Assert.Equal(JsonValueKind.Null, usage.GetProperty("quotas").GetProperty("charactersPerDay").GetProperty("limit").ValueKind);
    }

    [Theory]
    [InlineData("granularity=week", "granularity")]
    [InlineData("from=soon", "from")]
    [InlineData("to=2026-02-30", "to")]
    [InlineData("from=2026-12-05&to=2026-12-01", "from")]
    [InlineData("from=2020-01-01&to=2026-12-01", "from")]
    public async Task A_wrong_query_is_400_naming_its_field(string query, string field)
    {
        var (_, key) = await fixture.CreateTenantAsync("wrong query");
        using var client = Gateway.Client(key);

        var response = await client.GetAsync($"/v1/usage?{query}");

        Assert.Equal(field, (await response.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Without_a_tenant_key_there_is_no_usage_to_read()
    {
        using var anonymous = Gateway.Client(null);
        using var admin = Gateway.Client(Gateway.AdminKey);

        await (await anonymous.GetAsync("/v1/usage")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await admin.GetAsync("/v1/usage")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await admin.GetAsync($"/admin/tenants/{Guid.NewGuid()}/usage")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
