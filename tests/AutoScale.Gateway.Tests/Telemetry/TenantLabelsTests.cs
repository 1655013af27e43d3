using System.Net;
using System.Net.Http.Json;
using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Testing;

namespace AutoScale.Gateway.Tests.Telemetry;

/// <summary>
/// <c>Telemetry:TenantLabels=true</c> reaches the control silo's queue grain, where chunk costs are recorded: the cost
/// then comes per tenant as well as per pool (without it, TelemetryTests shows no tenant anywhere).
/// </summary>
public sealed class TenantLabelsTests(TenantLabelsFixture fixture) : IClassFixture<TenantLabelsFixture>
{
    [Fact]
    public async Task With_tenant_labels_on_the_cost_of_a_job_is_labelled_with_its_tenant_and_pool()
    {
        var gateway = fixture.Gateway;
        using var admin = gateway.Client(gateway.AdminKey);
        var created = await (await admin.PostAsJsonAsync("/admin/tenants", new { name = "labelled" })).JsonAsync();
        var tenantId = created.GetProperty("tenantId").GetString()!;
        using var client = gateway.Client(created.GetProperty("apiKey").GetString());
        using var scraper = gateway.Client(null);

        var id = (await (await client.SubmitAsync(new { text = "A job whose cost names its tenant." })).JsonAsync()).GetProperty("id").GetString()!;
        await Eventually.TrueAsync(
            async () => (await (await client.GetAsync($"/v1/jobs/{id}")).JsonAsync()).GetProperty("status").GetString() == "succeeded",
            TimeSpan.FromMinutes(2), $"job {id} to succeed");
        var metrics = await Eventually.ReturnsAsync(
            async () =>
            {
                var response = await scraper.GetAsync("/metrics");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
            },
            m => m.Of("autoscale_cost_usd_total", ("tenant", tenantId)).Any(),
            TimeSpan.FromSeconds(30), "/metrics to show the tenant's cost");

        Assert.True(metrics.Of("autoscale_cost_usd_total", ("pool", "espeak"), ("tenant", tenantId)).Single().Value > 0, metrics.Text);
    }
}
