using System.Net;
using System.Net.Http.Json;
using AutoScale.Gateway.Tests.Infrastructure;

namespace AutoScale.Gateway.Tests.Api;

[Collection(GatewayCollection.Name)]
public sealed class AuthenticationTests(GatewayFixture fixture)
{
    private GatewayInstance Gateway => fixture.Gateway;

    [Theory]
    [InlineData("GET", "/v1/jobs")]
    [InlineData("POST", "/v1/jobs")]
    [InlineData("GET", "/v1/models")]
    [InlineData("POST", "/admin/tenants")]
    public async Task A_call_without_a_key_is_unauthorized(string method, string path)
    {
        using var anonymous = Gateway.Client(null);

        var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_key_is_unauthorized()
    {
        using var stranger = Gateway.Client("as_not-a-real-key");

        var response = await stranger.GetAsync("/v1/jobs");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_key_may_come_in_the_x_api_key_header()
    {
        using var client = Gateway.Client(null);
        client.DefaultRequestHeaders.Add("X-Api-Key", fixture.TenantA);

        var response = await client.GetAsync("/v1/jobs");

        await response.AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_tenant_key_cannot_reach_admin_calls()
    {
        using var tenant = Gateway.Client(fixture.TenantA);

        var response = await tenant.PostAsJsonAsync("/admin/tenants", new { name = "sneaky" });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_admin_key_does_not_submit_jobs()
    {
        using var admin = Gateway.Client(Gateway.AdminKey);

        var response = await admin.SubmitAsync(new { text = "Hello." });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Another_tenants_job_is_not_found_for_every_job_route()
    {
        using var owner = Gateway.Client(fixture.TenantA);
        using var other = Gateway.Client(fixture.TenantB);
        var job = await (await owner.SubmitAsync(new { text = "Private words." })).JsonAsync();
        var path = $"/v1/jobs/{job.GetProperty("id").GetString()}";

        await (await other.GetAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.DeleteAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound);
        var list = await (await other.GetAsync("/v1/jobs?limit=100")).JsonAsync();
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), item => item.GetProperty("id").GetString() == job.GetProperty("id").GetString());
        var stillQueued = await (await owner.GetAsync(path)).JsonAsync();
        Assert.Equal("queued", stillQueued.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Admin_creates_a_tenant_whose_key_works_at_once()
    {
        using var admin = Gateway.Client(Gateway.AdminKey);

        var response = await admin.PostAsJsonAsync("/admin/tenants", new { name = "new customer" });
        var body = await response.AssertStatusAsync(HttpStatusCode.Created);
        using var tenant = Gateway.Client(body.GetProperty("apiKey").GetString());

        Assert.NotNull(response.Headers.Location);
        await (await tenant.GetAsync("/v1/jobs")).AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_tenant_needs_a_name()
    {
        using var admin = Gateway.Client(Gateway.AdminKey);

        var problem = await (await admin.PostAsJsonAsync("/admin/tenants", new { name = "  " })).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("name", problem.GetProperty("field").GetString());
    }
}
