using System.Diagnostics;
using System.Net;
using System.Text.Json;
using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Gateway.Tests.Operators;
using AutoScale.Gateway.Tests.Telemetry;
using AutoScale.Testing;
using Xunit.Abstractions;

namespace AutoScale.Gateway.Tests.MultiGateway;

/// <summary>Admin sessions, a tenant's rate and the /ops history are the cluster's, not one gateway's.</summary>
[Collection(TwoGatewaysCollection.Name)]
public sealed class SharedStateTests(TwoGateways cluster, ITestOutputHelper output)
{
    [Fact]
    public async Task An_admin_session_made_on_one_gateway_is_valid_on_the_other_and_back()
    {
        foreach (var (from, to) in new[] { (cluster.A, cluster.B), (cluster.B, cluster.A) })
        {
            var cookie = await from.SignInAsync();
            using var client = to.BareClient();

            var withCookie = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/admin/fleet/history?minutes=1").WithCookie(cookie));
            var without = await client.GetAsync("/admin/fleet/history?minutes=1");

            Assert.Equal(HttpStatusCode.OK, withCookie.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        }
    }

    [Fact]
    public async Task A_tenant_sending_to_both_gateways_gets_its_rate_once_not_twice()
    {
        var key = await cluster.A.CreateTenantAsync("rate-across");
        using var onA = cluster.A.Client(key);
        using var onB = cluster.B.Client(key);
        var window = TimeSpan.FromSeconds(4);
        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        var before = await Task.WhenAll(cluster.Gateways.Select(BucketCallsAsync));
        var clock = Stopwatch.StartNew();

        // Two senders per gateway, each as fast as the gateway answers: far above the rate on either alone.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async sender =>
        {
            var client = sender % 2 == 0 ? onA : onB;
            while (clock.Elapsed < window)
            {
                var started = Stopwatch.GetTimestamp();
                var response = await client.GetAsync("/v1/jobs?limit=1");
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                statuses.Add(response.StatusCode);
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;

        var passed = statuses.Count(s => s == HttpStatusCode.OK);
        var limit = TwoGateways.Burst + TwoGateways.PermitsPerSecond * seconds;
        var sorted = latencies.Order().ToArray();
        output.WriteLine($"{statuses.Count} requests in {seconds:0.0} s over two gateways: {passed} passed, " +
            $"{statuses.Count(s => s == HttpStatusCode.TooManyRequests)} got 429; the bucket allows {limit:0} " +
            $"(one gateway's bucket each would allow {2 * limit:0}). Latency median {sorted[sorted.Length / 2]:0.0} ms, " +
            $"p99 {sorted[(int)(sorted.Length * 0.99)]:0.0} ms; load {File.ReadAllText("/proc/loadavg").Trim()}");
        var after = await Eventually.ReturnsAsync(() => Task.WhenAll(cluster.Gateways.Select(BucketCallsAsync)),
            counts => counts.Sum(c => c.Count) - before.Sum(c => c.Count) >= passed, TimeSpan.FromSeconds(10), "the bucket calls in /metrics");
        output.WriteLine($"Calls to the bucket grain: {after.Sum(a => a.Count) - before.Sum(b => b.Count)}, mean " +
            $"{1000 * (after.Sum(a => a.Sum) - before.Sum(b => b.Sum)) / Math.Max(1, after.Sum(a => a.Count) - before.Sum(b => b.Count)):0.00} ms");

        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, $"unexpected {s}"));
        Assert.InRange(passed, TwoGateways.PermitsPerSecond * seconds * 0.5, limit + TwoGateways.PermitsPerSecond);
    }

    [Fact]
    public async Task One_client_alternating_gateways_shares_one_burst_and_the_bucket_calls_are_measured()
    {
        var key = await cluster.A.CreateTenantAsync("rate-sequential");
        using var onA = cluster.A.Client(key);
        using var onB = cluster.B.Client(key);
        var before = await Task.WhenAll(cluster.Gateways.Select(BucketCallsAsync));
        var passed = new List<double>();
        var refused = new List<double>();
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < 3 * TwoGateways.Burst; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var response = await (i % 2 == 0 ? onA : onB).GetAsync("/v1/jobs?limit=1");
            (response.StatusCode == HttpStatusCode.OK ? passed : refused).Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        // Each request that passed took its token from the grain (a lease of one at this rate); /metrics may answer
        // from its scrape cache for a moment.
        var after = await Eventually.ReturnsAsync(() => Task.WhenAll(cluster.Gateways.Select(BucketCallsAsync)),
            counts => counts.Sum(c => c.Count) - before.Sum(c => c.Count) >= passed.Count, TimeSpan.FromSeconds(10), "the bucket calls in /metrics");
        output.WriteLine($"{passed.Count + refused.Count} sequential requests alternating gateways in {seconds:0.00} s: {passed.Count} passed " +
            $"(median {Median(passed):0.00} ms), {refused.Count} refused (median {Median(refused):0.00} ms); load {File.ReadAllText("/proc/loadavg").Trim()}");
        for (var g = 0; g < 2; g++)
        {
            var calls = after[g].Count - before[g].Count;
            output.WriteLine($"gateway {"AB"[g]}: {calls} calls to the bucket grain, mean {1000 * (after[g].Sum - before[g].Sum) / Math.Max(1, calls):0.00} ms");
        }

        Assert.InRange(passed.Count, TwoGateways.Burst, TwoGateways.Burst + TwoGateways.PermitsPerSecond * seconds + 1);
    }

    private static double Median(List<double> values) => values.Count == 0 ? double.NaN : values.Order().ElementAt(values.Count / 2);

    private static async Task<(double Sum, double Count)> BucketCallsAsync(GatewayInstance gateway)
    {
        using var client = gateway.Client(null);
        var metrics = PrometheusText.Parse(await client.GetStringAsync("/metrics"));
        return (metrics.Of("autoscale_ratelimit_bucket_call_duration_seconds_sum").Sum(s => s.Value),
            metrics.Of("autoscale_ratelimit_bucket_call_duration_seconds_count").Sum(s => s.Value));
    }

    [Fact]
    public async Task The_ops_history_is_the_same_on_both_gateways_one_sample_per_slot()
    {
        var onA = await Eventually.ReturnsAsync(() => HistoryAsync(cluster.A), samples => samples.Count >= 4,
            TimeSpan.FromSeconds(30), "four samples of the fleet");
        var onB = await HistoryAsync(cluster.B);

        var times = onA.Select(At).ToList();
        Assert.Equal(times.Count, times.Select(t => t.ToUnixTimeSeconds()).Distinct().Count());
        var common = Math.Min(onA.Count, onB.Count) - 1;
        Assert.Equal(onA.Take(common).Select(s => s.GetRawText()), onB.Take(common).Select(s => s.GetRawText()));
    }

    [Fact]
    public async Task A_killed_gateways_scaler_and_queue_move_to_the_survivor_and_its_restart_finds_the_same_ops_history()
    {
        var before = await Eventually.ReturnsAsync(() => HistoryAsync(cluster.A), samples => samples.Count >= 2,
            TimeSpan.FromSeconds(30), "two samples of the fleet");
        var controlGrains = await Eventually.ReturnsAsync(() => ControlGrainPlacement.ReadAsync(cluster.Database),
            grains => grains.Count("work-queue/espeak") > 0 && grains.Count("retention/") > 0,
            TimeSpan.FromSeconds(30), "the worker's queue and the retention sweeper to be active");
        output.WriteLine($"Before: {controlGrains}");
        Assert.Equal(1, controlGrains.Count("scaler/"));
        Assert.Equal(1, controlGrains.Count("work-queue/espeak"));
        Assert.Equal(1, controlGrains.Count("retention/"));
        Assert.All(controlGrains.Silos, silo => Assert.Contains(silo, cluster.Gateways.Select(g => g.SiloPort)));

        // Kill the scaler's gateway, so something has to move.
        var victim = Array.FindIndex(cluster.Gateways, g => g.SiloPort == controlGrains.SiloOf("scaler/"));
        var survivor = cluster.Gateways[1 - victim];
        await cluster.KillAsync(victim);
        var killed = Stopwatch.StartNew();
        var after = await Eventually.ReturnsAsync(() => ControlGrainPlacement.ReadAsync(cluster.Database),
            grains => grains.Count("scaler/") == 1 && grains.Count("work-queue/espeak") == 1 && grains.Silos.All(s => s == survivor.SiloPort),
            TimeSpan.FromSeconds(60), "the scaler and the queue to live on the surviving gateway only");
        output.WriteLine($"{killed.Elapsed.TotalSeconds:0.0} s after the kill: {after}");
        using (var admin = survivor.Client(survivor.AdminKey))
        {
            (await admin.GetAsync("/admin/fleet")).EnsureSuccessStatusCode();
        }

        var restarted = await cluster.StartAgainAsync(victim);
        var history = await HistoryAsync(restarted);
        Assert.Contains(before[0].GetRawText(), history.Select(s => s.GetRawText()));
    }

    private static DateTimeOffset At(JsonElement sample) => sample.GetProperty("at").GetDateTimeOffset();

    private static async Task<IReadOnlyList<JsonElement>> HistoryAsync(GatewayInstance gateway)
    {
        using var admin = gateway.Client(gateway.AdminKey);
        var body = await (await admin.GetAsync("/admin/fleet/history")).AssertStatusAsync(HttpStatusCode.OK);
        return [.. body.GetProperty("samples").EnumerateArray()];
    }
}
