using System.Globalization;
using AutoScale.Data;
using AutoScale.Testing;

namespace AutoScale.Bench;

/// <summary>
/// The issue's figures side by side in one run on one local PostgreSQL server: the cluster against Hangfire and a plain
/// SQL queue, dispatch latency, queue memory per chunk, and durable submit against pgbench's INSERT rate.
/// </summary>
public static class CompareBench
{
    private const int Producers = 32;

    public static async Task RunAsync(int jobs)
    {
        var loadAtStart = LoadAverage();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var rows = new List<ComparisonRow>();
        var bytesPerChunk = QueueMemoryProbe.BytesPerChunk(100_000);

        var postgres = LocalPostgresCluster.StartOrReuse(Path.Combine(RepositoryLayout.Root, ".data", "bench-postgres"));
        try
        {
            var stamp = $"{DateTime.UtcNow:yyyyMMddHHmmss}";
            var submitDatabase = postgres.CreateDatabase($"bench_compare_submit_{stamp}");
            var pgbench = await PgbenchInsertRate.RunAsync(submitDatabase, Producers, 10);
            SubmitResult submit;
            await using (var gateway = await BenchGateway.StartAsync(submitDatabase))
            {
                var benchmark = new SubmitBenchmark(gateway.BaseAddress, gateway.TenantKey);
                await benchmark.RunAsync(500, 8, CancellationToken.None); // warm-up: JIT, pools, grain code paths
                submit = await benchmark.RunAsync(10_000, Producers, CancellationToken.None);
            }

            var workDatabase = postgres.CreateDatabase($"bench_compare_work_{stamp}");
            (int Jobs, TimeSpan Elapsed) ours;
            LatencyStats dispatch;
            await using (var cluster = await BenchGateway.StartAsync(workDatabase, workers: 1, engine: "silent"))
            {
                await LatencyBenchmarks.ThroughputAsync(cluster, 50); // warm-up
                dispatch = await DispatchLatencyProbe.RunAsync(cluster, workDatabase, 200);
                ours = await LatencyBenchmarks.ThroughputAsync(cluster, jobs);
            }

            var workers = HangfireNoOpBench.DefaultWorkerCount;
            var hangfire = await HangfireNoOpBench.RunAsync(workDatabase, jobs, Producers, workers);
            var plain = await PlainSqlQueueBench.RunAsync(workDatabase, jobs, Producers, workers);

            var oursRate = Rate(ours);
            rows.Add(ComparisonRow.Plain($"no-op jobs/s, ours (submit → 1 `silent` worker → succeeded, {jobs} jobs)", Format(oursRate, "0")));
            rows.Add(ComparisonRow.Plain($"no-op jobs/s, Hangfire 1.8 + Hangfire.PostgreSql 1.21 ({workers} workers, in process)", Format(Rate(hangfire), "0")));
            rows.Add(ComparisonRow.Plain($"no-op jobs/s, plain SQL queue (INSERT; SKIP LOCKED claim + UPDATE; {workers} workers)", Format(Rate(plain), "0")));
            rows.Add(ComparisonRow.AtLeast("ours ÷ Hangfire", oursRate / Rate(hangfire), 10, "0.00", "×"));
            rows.Add(ComparisonRow.Plain("ours ÷ plain SQL queue (the physical limit)", Format(oursRate / Rate(plain), "0.00") + "×"));
            rows.Add(ComparisonRow.Plain($"dispatch queued → leased p50 (warm idle worker, {dispatch.Count} one-chunk jobs)", Format(dispatch.Percentile(50), "0.0") + " ms"));
            rows.Add(ComparisonRow.Below("dispatch queued → leased p99", dispatch.Percentile(99), 10, "0.0", " ms"));
            rows.Add(ComparisonRow.Below("queue grain memory per queued chunk (100,000 queued)", bytesPerChunk, 2048, "0", " B"));
            rows.Add(ComparisonRow.Plain($"pgbench single-row INSERT rate (-c {Producers} -T 10)", Format(pgbench, "0") + "/s"));
            rows.Add(ComparisonRow.Plain($"durable POST /v1/jobs at concurrency {Producers} (10,000 requests, {submit.Requests - submit.Accepted} errors)",
                Format(submit.Throughput, "0") + "/s"));
            rows.Add(ComparisonRow.AtLeast("submit ÷ pgbench INSERT rate", submit.Throughput / pgbench, 1.0, "0.00", "×"));
        }
        finally
        {
            postgres.Stop();
        }

        Console.WriteLine($"{Environment.ProcessorCount} cores ({CpuModel()}), {Environment.OSVersion}, .NET {Environment.Version}; " +
                          $"whole run {Format(clock.Elapsed.TotalMinutes, "0.0")} min; load average {loadAtStart} at start, {LoadAverage()} at end " +
                          "(other work on the machine counts in it)");
        ComparisonTable.Print(rows);
    }

    private static double Rate((int Jobs, TimeSpan Elapsed) run) => run.Jobs / run.Elapsed.TotalSeconds;

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : "unknown CPU";

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
