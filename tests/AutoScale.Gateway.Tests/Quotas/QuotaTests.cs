using System.Globalization;
using System.Net;
using System.Text.Json;
using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Gateway.Tests.Telemetry;

namespace AutoScale.Gateway.Tests.Quotas;

/// <summary>Quotas set by the admin and met by a tenant: the edges, the answer, the refund, and the usage that explains it.</summary>
public sealed class QuotaTests(QuotaGateway fixture) : IClassFixture<QuotaGateway>
{
    private GatewayInstance Gateway => fixture.Gateway;

    [Fact]
    public async Task A_tenant_at_its_daily_quota_gets_429_with_the_reset_time_and_its_usage_shows_why()
    {
        var (tenant, key) = await fixture.CreateTenantAsync("daily");
        await (await fixture.PutQuotasAsync(tenant, new { charactersPerDay = 100 })).AssertStatusAsync(HttpStatusCode.OK);
        using var client = Gateway.Client(key);

        var first = await client.SubmitAsync(new { text = QuotaGateway.Text(60) });
        var exactlyAt = await client.SubmitAsync(new { text = QuotaGateway.Text(40) });
        var asked = DateTime.UtcNow;
        var oneOver = await client.SubmitAsync(new { text = QuotaGateway.Text(1) });
        var answered = DateTime.UtcNow;
        var usage = await (await client.GetAsync("/v1/usage")).AssertStatusAsync(HttpStatusCode.OK);

        await first.AssertStatusAsync(HttpStatusCode.Accepted);
        await exactlyAt.AssertStatusAsync(HttpStatusCode.Accepted);
        var problem = await oneOver.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        var midnight = DateTimeOffset.UtcNow.UtcDateTime.Date.AddDays(1);
        Assert.Equal("quota_exceeded", problem.GetProperty("code").GetString());
        Assert.Equal("charactersPerDay", problem.GetProperty("quota").GetString());
        Assert.Equal((100, 100, 1), (problem.GetProperty("limit").GetInt64(), problem.GetProperty("used").GetInt64(), problem.GetProperty("requested").GetInt64()));
        Assert.Equal(midnight, problem.GetProperty("resetsAt").GetDateTimeOffset().UtcDateTime);
        var retryAfter = int.Parse(oneOver.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
        // The gateway's clock read falls between asking and the answer; Retry-After rounds up to whole seconds.
        Assert.InRange(retryAfter, Math.Floor((midnight - answered).TotalSeconds), Math.Ceiling((midnight - asked).TotalSeconds) + 1);
        var daily = usage.GetProperty("quotas").GetProperty("charactersPerDay");
        Assert.Equal((100, 100), (daily.GetProperty("limit").GetInt64(), daily.GetProperty("used").GetInt64()));
        Assert.Equal(midnight, daily.GetProperty("resetsAt").GetDateTimeOffset().UtcDateTime);
        Assert.Equal((100, 2), (usage.GetProperty("totals").GetProperty("characters").GetInt64(), usage.GetProperty("totals").GetProperty("jobs").GetInt64()));
    }

    [Fact]
    public async Task A_job_cancelled_before_any_chunk_ran_is_refunded_and_its_characters_can_be_used_again()
    {
        var (tenant, key) = await fixture.CreateTenantAsync("refund");
        await (await fixture.PutQuotasAsync(tenant, new { charactersPerDay = 100, charactersPerMonth = 100 })).AssertStatusAsync(HttpStatusCode.OK);
        using var client = Gateway.Client(key);
        var job = await (await client.SubmitAsync(new { text = QuotaGateway.Text(100) })).AssertStatusAsync(HttpStatusCode.Accepted);
        await (await client.SubmitAsync(new { text = QuotaGateway.Text(1) })).AssertProblemAsync(HttpStatusCode.TooManyRequests);

        await (await client.DeleteAsync($"/v1/jobs/{job.GetProperty("id").GetString()}")).AssertStatusAsync(HttpStatusCode.Accepted);

        await (await client.SubmitAsync(new { text = QuotaGateway.Text(100) })).AssertStatusAsync(HttpStatusCode.Accepted);
        var usage = await (await client.GetAsync("/v1/usage?granularity=hour")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal((100, 1), (usage.GetProperty("totals").GetProperty("characters").GetInt64(), usage.GetProperty("totals").GetProperty("jobs").GetInt64()));
        Assert.Equal(100, usage.GetProperty("quotas").GetProperty("charactersPerMonth").GetProperty("used").GetInt64());
    }

    [Fact]
    public async Task Jobs_up_to_the_concurrency_are_accepted_the_next_waits_for_one_to_end()
    {
        var (tenant, key) = await fixture.CreateTenantAsync("concurrent");
        await (await fixture.PutQuotasAsync(tenant, new { concurrentJobs = 2 })).AssertStatusAsync(HttpStatusCode.OK);
        using var client = Gateway.Client(key);
        var first = await (await client.SubmitAsync(new { text = "One." })).AssertStatusAsync(HttpStatusCode.Accepted);
        await (await client.SubmitAsync(new { text = "Two." })).AssertStatusAsync(HttpStatusCode.Accepted);

        var third = await client.SubmitAsync(new { text = "Three." });
        var problem = await third.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        await (await client.DeleteAsync($"/v1/jobs/{first.GetProperty("id").GetString()}")).AssertStatusAsync(HttpStatusCode.Accepted);

        Assert.Equal(("concurrentJobs", 2L), (problem.GetProperty("quota").GetString(), problem.GetProperty("used").GetInt64()));
        Assert.Equal("5", third.Headers.GetValues("Retry-After").Single());
        await (await client.SubmitAsync(new { text = "Three." })).AssertStatusAsync(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task The_largest_job_allowed_passes_and_one_character_more_is_refused_with_no_promise_of_a_reset()
    {
        var (tenant, key) = await fixture.CreateTenantAsync("max job");
        await (await fixture.PutQuotasAsync(tenant, new { maxJobCharacters = 50 })).AssertStatusAsync(HttpStatusCode.OK);
        using var client = Gateway.Client(key);

        var atMax = await client.SubmitAsync(new { text = QuotaGateway.Text(50) });
        var over = await client.SubmitAsync(new { text = QuotaGateway.Text(51) });

        await atMax.AssertStatusAsync(HttpStatusCode.Accepted);
        var problem = await over.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("maxJobCharacters", problem.GetProperty("quota").GetString());
        Assert.Equal(JsonValueKind.Null, problem.GetProperty("resetsAt").ValueKind);
        Assert.False(over.Headers.Contains("Retry-After"));
        using var scraper = Gateway.Client(null);
        var metrics = PrometheusText.Parse(await scraper.GetStringAsync("/metrics"));
        Assert.True(metrics.Of("autoscale_quota_refusals_total", ("quota", "maxJobCharacters")).Single().Value >= 1, metrics.Text);
        Assert.DoesNotContain(tenant.ToString(), metrics.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_resent_submit_with_the_same_idempotency_key_is_counted_once()
    {
        var (tenant, key) = await fixture.CreateTenantAsync("idempotent");
        await (await fixture.PutQuotasAsync(tenant, new { charactersPerDay = 100 })).AssertStatusAsync(HttpStatusCode.OK);
        using var client = Gateway.Client(key);
        var body = new { text = QuotaGateway.Text(60) };

        var first = await (await client.SubmitAsync(body, "same-key")).AssertStatusAsync(HttpStatusCode.Accepted);
        var again = await (await client.SubmitAsync(body, "same-key")).AssertStatusAsync(HttpStatusCode.Accepted);

        Assert.Equal(first.GetProperty("id").GetString(), again.GetProperty("id").GetString());
        await (await client.SubmitAsync(new { text = QuotaGateway.Text(40) })).AssertStatusAsync(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task One_tenant_at_its_quota_leaves_others_untouched()
    {
        var (limited, limitedKey) = await fixture.CreateTenantAsync("limited");
        var (_, freeKey) = await fixture.CreateTenantAsync("free");
        await (await fixture.PutQuotasAsync(limited, new { charactersPerDay = 0 })).AssertStatusAsync(HttpStatusCode.OK);
        using var limitedClient = Gateway.Client(limitedKey);
        using var freeClient = Gateway.Client(freeKey);

        await (await limitedClient.SubmitAsync(new { text = "Hello." })).AssertProblemAsync(HttpStatusCode.TooManyRequests);
        await (await freeClient.SubmitAsync(new { text = "Hello." })).AssertStatusAsync(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Quotas_are_read_back_replaced_and_cleared_with_null()
    {
        var (tenant, _) = await fixture.CreateTenantAsync("replace");
        using var admin = Gateway.Client(Gateway.AdminKey);

        var set = await (await fixture.PutQuotasAsync(tenant,
            new { charactersPerDay = 1000, charactersPerMonth = 20000, concurrentJobs = 3, maxJobCharacters = 500 })).AssertStatusAsync(HttpStatusCode.OK);
        var read = await (await admin.GetAsync($"/admin/tenants/{tenant}/quotas")).AssertStatusAsync(HttpStatusCode.OK);
        var cleared = await (await fixture.PutQuotasAsync(tenant, new { charactersPerDay = (int?)null, concurrentJobs = 1 })).AssertStatusAsync(HttpStatusCode.OK);

        Assert.Equal(set.ToString(), read.ToString());
        Assert.Equal((1000, 20000, 3, 500), (Limit(read, "charactersPerDay"), Limit(read, "charactersPerMonth"), Limit(read, "concurrentJobs"), Limit(read, "maxJobCharacters")));
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("charactersPerDay").GetProperty("limit").ValueKind);
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("charactersPerMonth").GetProperty("limit").ValueKind);
        Assert.Equal(1, Limit(cleared, "concurrentJobs"));
        var events = (await (await admin.GetAsync("/admin/events?limit=200")).AssertStatusAsync(HttpStatusCode.OK)).GetProperty("events")
            .EnumerateArray().Where(e => e.GetProperty("action").GetString() == "quota.set" && e.GetProperty("target").GetString() == tenant.ToString())
            .ToList();
        Assert.Equal(2, events.Count);
        Assert.Equal(1, events[0].GetProperty("detail").GetProperty("concurrentJobs").GetInt32());
        Assert.Equal(1000, events[1].GetProperty("detail").GetProperty("charactersPerDay").GetInt64());
        Assert.StartsWith("admin key", events[0].GetProperty("actor").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"charactersPerDay": -1}""", "charactersPerDay")]
    [InlineData("""{"concurrentJobs": -5}""", "concurrentJobs")]
    [InlineData("""{"maxJobCharacters": -1}""", "maxJobCharacters")]
    [InlineData("""{"charactersPerMonth": -1}""", "charactersPerMonth")]
    public async Task A_negative_quota_is_refused_naming_its_field(string body, string field)
    {
        var (tenant, _) = await fixture.CreateTenantAsync("negative");
        using var admin = Gateway.Client(Gateway.AdminKey);

        var response = await admin.PutAsync($"/admin/tenants/{tenant}/quotas", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(field, (await response.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("""{"charactersPerdya": 10}""")]
    [InlineData("""{"concurrentJobs": 1.5}""")]
    [InlineData("""{"charactersPerDay": "lots"}""")]
    [InlineData("""{"charactersPerDay": 99999999999999999999999}""")]
    [InlineData("""[]""")]
    public async Task A_misspelt_or_mistyped_quota_is_refused_rather_than_lifting_a_limit(string body)
    {
        var (tenant, _) = await fixture.CreateTenantAsync("mistyped");
        await (await fixture.PutQuotasAsync(tenant, new { charactersPerDay = 10 })).AssertStatusAsync(HttpStatusCode.OK);
        using var admin = Gateway.Client(Gateway.AdminKey);

        var response = await admin.PutAsync($"/admin/tenants/{tenant}/quotas", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var read = await (await admin.GetAsync($"/admin/tenants/{tenant}/quotas")).AssertStatusAsync(HttpStatusCode.OK);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(10, Limit(read, "charactersPerDay"));
    }

    [Fact]
    public async Task Quotas_of_an_unknown_tenant_are_404_and_a_tenant_key_may_not_set_any()
    {
        var (tenant, key) = await fixture.CreateTenantAsync("self-service");
        using var admin = Gateway.Client(Gateway.AdminKey);
        using var client = Gateway.Client(key);
        var body = new StringContent("""{"charactersPerDay": null}""", System.Text.Encoding.UTF8, "application/json");

        await (await admin.GetAsync($"/admin/tenants/{Guid.NewGuid()}/quotas")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync("/admin/tenants/not-a-guid/quotas")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await fixture.PutQuotasAsync(Guid.NewGuid(), new { charactersPerDay = 1 })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.PutAsync($"/admin/tenants/{tenant}/quotas", body)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await client.GetAsync($"/admin/tenants/{tenant}/usage")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_operators_see_todays_tenants_with_their_use_and_quotas()
    {
        var (tenant, key) = await fixture.CreateTenantAsync("busy today");
        await (await fixture.PutQuotasAsync(tenant, new { charactersPerDay = 5000, concurrentJobs = 4 })).AssertStatusAsync(HttpStatusCode.OK);
        using var client = Gateway.Client(key);
        await (await client.SubmitAsync(new { text = QuotaGateway.Text(1234) })).AssertStatusAsync(HttpStatusCode.Accepted);
        using var admin = Gateway.Client(Gateway.AdminKey);

        var today = await (await admin.GetAsync("/admin/usage/today?limit=200")).AssertStatusAsync(HttpStatusCode.OK);
        var forTenant = await (await admin.GetAsync($"/admin/tenants/{tenant}/usage")).AssertStatusAsync(HttpStatusCode.OK);

        var row = today.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("tenantId").GetGuid() == tenant);
        Assert.Equal(("busy today", 1234L, 1L), (row.GetProperty("name").GetString(), row.GetProperty("characters").GetInt64(), row.GetProperty("jobs").GetInt64()));
        Assert.Equal((5000, 4), (row.GetProperty("charactersPerDay").GetInt64(), row.GetProperty("concurrentJobs").GetInt32()));
        Assert.Equal(1234, forTenant.GetProperty("totals").GetProperty("characters").GetInt64());
        await (await admin.GetAsync("/admin/usage/today?limit=0")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    private static long Limit(JsonElement quotas, string name) => quotas.GetProperty(name).GetProperty("limit").GetInt64();
}
