using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Testing;

namespace AutoScale.Gateway.Tests.Durability;

public sealed class GatewayCrashTests
{
    [Fact]
    public async Task Every_job_that_got_202_survives_a_sigkill_of_the_gateway_with_its_state()
    {
        var database = await TestPostgres.CreateEmptyDatabaseAsync("crash");
        var adminKey = $"admin-{Guid.NewGuid():N}";
        var accepted = new ConcurrentDictionary<string, string>();
        string tenantKey;
        int siloPort;

        await using (var gateway = await GatewayInstance.StartAsync(database, adminKey: adminKey))
        {
            tenantKey = await gateway.CreateTenantAsync("durable");
            siloPort = gateway.SiloPort;
            using var client = gateway.Client(tenantKey);
            using var stop = new CancellationTokenSource();

            // Submit from 8 writers while the gateway is killed under them; keep every job that got its 202.
            var writers = Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    try
                    {
                        var response = await client.SubmitAsync(new { text = $"Writer {writer} sentence {i}. It must not be lost." });
                        if (response.StatusCode == HttpStatusCode.Accepted)
                        {
                            var job = await response.JsonAsync();
                            accepted[job.GetProperty("id").GetString()!] = "queued";
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return; // the gateway is gone
                    }
                    catch (TaskCanceledException)
                    {
                        return;
                    }
                }
            })).ToList();

            await Eventually.TrueAsync(() => Task.FromResult(accepted.Count >= 60), TimeSpan.FromSeconds(60), "60 accepted jobs");
            var toCancel = accepted.Keys.First();
            await (await client.DeleteAsync($"/v1/jobs/{toCancel}")).AssertStatusAsync(HttpStatusCode.Accepted);
            accepted[toCancel] = "cancelled";

            gateway.Process.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        // Restarted as a supervisor would: same host and silo port, so the new silo supersedes the killed one at once.
        await using var restarted = await GatewayInstance.StartAsync(database, adminKey: adminKey, siloPort: siloPort);
        using var reader = restarted.Client(tenantKey);
        foreach (var (id, status) in accepted)
        {
            var response = await reader.GetAsync($"/v1/jobs/{id}");
            var job = await response.AssertStatusAsync(HttpStatusCode.OK);
            Assert.Equal(status, job.GetProperty("status").GetString());
        }

        var listed = new HashSet<string>();
        string? cursor = null;
        do
        {
            var page = await (await reader.GetAsync($"/v1/jobs?limit=100{(cursor is null ? "" : $"&cursor={cursor}")}")).JsonAsync();
            listed.UnionWith(page.GetProperty("items").EnumerateArray().Select(j => j.GetProperty("id").GetString()!));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Superset(accepted.Keys.ToHashSet(), listed);
    }
}
