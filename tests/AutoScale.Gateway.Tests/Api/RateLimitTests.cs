using System.Net;
using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Testing;

namespace AutoScale.Gateway.Tests.Api;

/// <summary>A gateway of its own with a tiny per-tenant rate.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private GatewayInstance _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewayInstance.StartAsync(
        await TestPostgres.CreateEmptyDatabaseAsync("ratelimit"),
        new Dictionary<string, string> { ["RateLimiting__PermitsPerSecond"] = "1", ["RateLimiting__Burst"] = "3" });

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task A_tenant_over_its_rate_gets_429_with_retry_after_while_others_go_on()
    {
        using var busy = _gateway.Client(await _gateway.CreateTenantAsync("busy"));
        using var calm = _gateway.Client(await _gateway.CreateTenantAsync("calm"));

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 6 && limited is null; i++)
        {
            var response = await busy.GetAsync("/v1/jobs");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
        }

        Assert.NotNull(limited);
        Assert.True(statuses.Count(s => s == HttpStatusCode.OK) >= 3, $"the burst of 3 should pass first: {string.Join(", ", statuses)}");
        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal(HttpStatusCode.OK, (await calm.GetAsync("/v1/jobs")).StatusCode);
    }
}
