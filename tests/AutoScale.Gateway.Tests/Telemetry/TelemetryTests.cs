using System.Net;
using System.Net.Http.Json;
using AutoScale.Gateway.Tests.EndToEnd;
using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Testing;

namespace AutoScale.Gateway.Tests.Telemetry;

/// <summary>/metrics, the OTLP traces of one job across gateway and worker, and the admin-only Orleans dashboard.</summary>
public sealed class TelemetryTests(TelemetryFixture fixture) : IClassFixture<TelemetryFixture>
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(2);

    private GatewayInstance Gateway => fixture.Gateway;

    [Fact]
    public async Task Metrics_show_the_queue_the_fleet_and_what_finished_chunks_cost_per_pool_without_tenant_ids()
    {
        var (client, tenantId) = await TenantAsync("metrics");
        using var scraper = Gateway.Client(null);
        var id = await SubmitAsync(client, SpeechText.OfLength(600));

        var whileRunning = await ScrapeAsync(scraper);
        await WaitUntilDoneAsync(client, id);
        var metrics = await Eventually.ReturnsAsync(
            () => ScrapeAsync(scraper),
            m => m.Of("autoscale_workers", ("pool", "espeak"), ("state", "ready")).Any(s => s.Value == 1)
                && m.Of("autoscale_cost_usd_total", ("pool", "espeak")).Any(s => s.Value > 0),
            TimeSpan.FromSeconds(30), "/metrics to show one ready worker and the pool's cost");

        Assert.All(whileRunning.Of("autoscale_queue_depth").Concat(metrics.Of("autoscale_queue_depth")), s => Assert.True(s.Value >= 0, s.ToString()));
        Assert.Single(metrics.Of("autoscale_queue_depth", ("pool", "espeak"), ("state", "queued")));
        Assert.Single(metrics.Of("autoscale_queue_oldest_wait_seconds", ("pool", "espeak")));
        Assert.True(metrics.Of("autoscale_engine_time_seconds_total", ("pool", "espeak")).Single().Value > 0, metrics.Text);
        Assert.True(metrics.Of("autoscale_cost_usd_total", ("pool", "espeak")).Single().Value > 0, metrics.Text);
        // Telemetry:TenantLabels is off by default: no series names a tenant (TenantLabelsTests turns it on).
        Assert.DoesNotContain(metrics.Samples, s => s.Labels.ContainsKey("tenant"));
        Assert.DoesNotContain(tenantId, metrics.Text, StringComparison.OrdinalIgnoreCase);
        Assert.True(metrics.Of("autoscale_chunk_latency_seconds_count", ("pool", "espeak")).Single().Value >= 1, metrics.Text);
        Assert.True(metrics.Of("autoscale_chunk_real_time_factor_count", ("pool", "espeak")).Single().Value >= 1, metrics.Text);
        Assert.NotEmpty(metrics.Of("autoscale_fleet_cost_per_hour"));
    }

    [Fact]
    public async Task One_jobs_trace_runs_from_the_gateway_through_the_worker_to_the_engine()
    {
        var (client, _) = await TenantAsync("traces");
        var id = await SubmitAsync(client, "One job, one trace. It crosses two processes.");
        await WaitUntilDoneAsync(client, id);

        var chunk = await Eventually.ReturnsAsync(
            () => Task.FromResult(fixture.Receiver.Spans.FirstOrDefault(s => s.Name == "chunk" && s.Attributes.GetValueOrDefault("autoscale.job_id") == id)),
            span => span is not null, TimeSpan.FromSeconds(30), $"the worker's chunk span of job {id}");
        var trace = await Eventually.ReturnsAsync(
            () => Task.FromResult(fixture.Receiver.Spans.Where(s => s.TraceId == chunk!.TraceId).ToList()),
            spans => spans.Any(s => s.Service == "autoscale-worker" && s.Name == "engine")
                && spans.Any(s => s.Service == "autoscale-gateway" && s.Name.StartsWith("POST /v1/jobs", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), $"trace {chunk!.TraceId} to hold the gateway's request span and the worker's engine span");

        Assert.Equal("autoscale-worker", chunk.Service);
        var engine = trace.First(s => s.Name == "engine");
        Assert.Equal("autoscale-worker", engine.Service);
        Assert.Contains(trace, s => s.Service == "autoscale-gateway" && s.Name.Contains("IWorkQueueGrain", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_dashboard_needs_the_admin_key()
    {
        using var anonymous = Gateway.Client(null);
        using var admin = Gateway.Client(Gateway.AdminKey);

        var refused = await anonymous.GetAsync("/dashboard/");
        var shown = await admin.GetAsync("/dashboard/");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal("text/html", shown.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_dashboards_pages_of_a_worker_silo_answer_though_workers_do_not_load_the_dashboard()
    {
        using var admin = Gateway.Client(Gateway.AdminKey);
        var (client, _) = await TenantAsync("dashboard");
        await WaitUntilDoneAsync(client, await SubmitAsync(client, "Give the control silo a grain call to count."));

        var hosts = await Eventually.ReturnsAsync(
            async () => (await (await admin.GetAsync("/dashboard/DashboardCounters")).JsonAsync()).GetProperty("hosts").EnumerateArray()
                .Where(h => h.GetProperty("status").GetString() == "Active").Select(h => h.GetProperty("siloAddress").GetString()!).ToList(),
            silos => silos.Count == 2, TimeSpan.FromSeconds(30), "the dashboard to list the control silo and the worker");
        var worker = hosts.Single(address => !address.StartsWith($"127.0.0.1:{Gateway.SiloPort}@", StringComparison.Ordinal));

        foreach (var page in new[] { "SiloProperties", "SiloCounters", "HistoricalStats", "SiloStats" })
        {
            var response = await admin.GetAsync($"/dashboard/{page}/{worker}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page} of the worker: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        var properties = await (await admin.GetAsync($"/dashboard/SiloProperties/{worker}")).JsonAsync();
        Assert.Equal("worker", properties.GetProperty("role").GetString());
        Assert.Equal("espeak", properties.GetProperty("pool").GetString());
        var history = (await (await admin.GetAsync($"/dashboard/HistoricalStats/{worker}")).JsonAsync()).EnumerateArray().ToList();
        Assert.True(history[^1].GetProperty("activationCount").GetInt32() >= 0, history[^1].ToString());
        // The control silo profiles its grain calls without the dashboard asking each silo to start.
        var methods = await Eventually.ReturnsAsync(
            async () => (await (await admin.GetAsync("/dashboard/TopGrainMethods")).JsonAsync()).GetProperty("calls").GetArrayLength(),
            count => count > 0, TimeSpan.FromSeconds(30), "the dashboard to show the control silo's busiest grain methods");
        Assert.True(methods > 0);
    }

    private async Task<(HttpClient Client, string TenantId)> TenantAsync(string name)
    {
        using var admin = Gateway.Client(Gateway.AdminKey);
        var created = await (await admin.PostAsJsonAsync("/admin/tenants", new { name })).JsonAsync();
        return (Gateway.Client(created.GetProperty("apiKey").GetString()), created.GetProperty("tenantId").GetString()!);
    }

    private static async Task<string> SubmitAsync(HttpClient client, string text) =>
        (await (await client.SubmitAsync(new { text })).JsonAsync()).GetProperty("id").GetString()!;

    private static async Task WaitUntilDoneAsync(HttpClient client, string id)
    {
        var job = await Eventually.ReturnsAsync(
            async () => await (await client.GetAsync($"/v1/jobs/{id}")).JsonAsync(),
            j => j.GetProperty("status").GetString() is "succeeded" or "failed" or "cancelled",
            JobTimeout, $"job {id} to finish");
        Assert.True(job.GetProperty("status").GetString() == "succeeded", $"job {id}: {job}");
    }

    private static async Task<PrometheusText> ScrapeAsync(HttpClient scraper)
    {
        var response = await scraper.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }
}
