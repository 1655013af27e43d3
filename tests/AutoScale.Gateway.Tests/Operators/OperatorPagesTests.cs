using System.Net;
using System.Net.Http.Json;
using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Testing;

namespace AutoScale.Gateway.Tests.Operators;

[Collection(GatewayCollection.Name)]
public sealed class OperatorPagesTests(GatewayFixture fixture)
{
    private GatewayInstance Gateway => fixture.Gateway;

    [Theory]
    [InlineData("/ops")]
    [InlineData("/admin/fleet")]
    [InlineData("/admin/queue")]
    [InlineData("/admin/usage/today")]
    [InlineData("/admin/scaling-events")]
    [InlineData("/admin/jobs")]
    [InlineData("/admin/fleet/history")]
    public async Task The_session_cookie_opens_ops_and_the_admin_calls(string path)
    {
        var cookie = await Gateway.SignInAsync();
        using var client = Gateway.BareClient();

        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, path).WithCookie(cookie));

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task Ops_is_a_page_with_its_own_script_and_style_and_nothing_from_elsewhere()
    {
        using var admin = Gateway.Client(Gateway.AdminKey);

        var response = await admin.GetAsync("/ops");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("/ui/ops.js", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        foreach (var asset in new[] { "/ui/ops.js", "/ui/try.js", "/ui/site.css" })
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(asset)).StatusCode);
        }
    }

    [Fact]
    public async Task Ops_without_authentication_sends_a_browser_to_the_login_page()
    {
        using var client = Gateway.BareClient();

        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/ops") { Headers = { { "Accept", "text/html" } } });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login?returnUrl=%2Fops", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Ops_without_authentication_answers_an_api_client_401()
    {
        using var client = Gateway.BareClient();

        var response = await client.GetAsync("/ops");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_tenant_key_does_not_open_ops()
    {
        using var tenant = Gateway.Client(fixture.TenantA);

        await (await tenant.GetAsync("/ops")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await tenant.GetAsync("/admin/jobs")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_try_page_needs_no_key()
    {
        using var client = Gateway.BareClient();

        var response = await client.GetAsync("/try");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("/ui/try.js", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cookie_authenticated_post_without_the_csrf_header_is_refused()
    {
        var cookie = await Gateway.SignInAsync();
        using var client = Gateway.BareClient();

        var withoutHeader = new HttpRequestMessage(HttpMethod.Post, "/admin/tenants") { Content = JsonContent.Create(new { name = "csrf victim" }) }
            .WithCookie(cookie);
        var refused = await client.SendAsync(withoutHeader);
        var problem = await refused.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("X-Requested-With", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var withHeader = new HttpRequestMessage(HttpMethod.Post, "/admin/tenants") { Content = JsonContent.Create(new { name = "from /ops" }) }
            .WithCookie(cookie);
        withHeader.Headers.Add("X-Requested-With", "fetch");
        await (await client.SendAsync(withHeader)).AssertStatusAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Admin_jobs_lists_the_newest_jobs_of_every_tenant_with_progress()
    {
        using var a = Gateway.Client(fixture.TenantA);
        using var b = Gateway.Client(fixture.TenantB);
        var jobA = (await (await a.SubmitAsync(new { text = "One. Two." })).JsonAsync()).GetProperty("id").GetString();
        var jobB = (await (await b.SubmitAsync(new { text = "Three." })).JsonAsync()).GetProperty("id").GetString();
        using var admin = Gateway.Client(Gateway.AdminKey);

        var items = (await (await admin.GetAsync("/admin/jobs?limit=50")).AssertStatusAsync(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().ToList();

        var newest = items.Take(2).Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.Equal([jobB, jobA], newest);
        var first = items[0];
        Assert.Equal("tenant b", first.GetProperty("tenantName").GetString());
        Assert.Equal("queued", first.GetProperty("status").GetString());
        Assert.Equal(6, first.GetProperty("characters").GetInt32());
        Assert.Equal(1, first.GetProperty("progress").GetProperty("chunksTotal").GetInt32());
        Assert.Equal(0, first.GetProperty("progress").GetProperty("chunksDone").GetInt32());
        Assert.False(string.IsNullOrEmpty(first.GetProperty("model").GetString()));
        Assert.True(first.TryGetProperty("createdAt", out _));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, first.GetProperty("finishedAt").ValueKind);
        Assert.Equal("tenant a", items[1].GetProperty("tenantName").GetString());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("501")]
    [InlineData("many")]
    public async Task Admin_jobs_refuses_a_bad_limit(string limit)
    {
        using var admin = Gateway.Client(Gateway.AdminKey);

        await (await admin.GetAsync($"/admin/jobs?limit={limit}")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Fleet_history_answers_samples_of_each_pools_backlog_and_workers()
    {
        using var admin = Gateway.Client(Gateway.AdminKey);

        var history = await Eventually.ReturnsAsync(
            async () => await (await admin.GetAsync("/admin/fleet/history?minutes=60")).AssertStatusAsync(HttpStatusCode.OK),
            body => body.GetProperty("samples").GetArrayLength() > 0, TimeSpan.FromSeconds(30), "a first sample of the fleet");

        Assert.Equal(5, history.GetProperty("sampleSeconds").GetInt32());
        var sample = history.GetProperty("samples")[0];
        Assert.True(sample.TryGetProperty("at", out _));
        Assert.True(sample.TryGetProperty("costPerHourUsd", out _));
        foreach (var pool in sample.GetProperty("pools").EnumerateArray())
        {
            foreach (var field in new[] { "pool", "queued", "leased", "estimatedSeconds", "starting", "ready", "draining" })
            {
                Assert.True(pool.TryGetProperty(field, out _), $"A pool sample lacks '{field}': {pool}");
            }
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("61")]
    public async Task Fleet_history_refuses_a_window_beyond_what_is_kept(string minutes)
    {
        using var admin = Gateway.Client(Gateway.AdminKey);

        await (await admin.GetAsync($"/admin/fleet/history?minutes={minutes}")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}
