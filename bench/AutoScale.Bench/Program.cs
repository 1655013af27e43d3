using System.Globalization;
using AutoScale.Bench;
using AutoScale.Data;
using AutoScale.Testing;
using Npgsql;

// Usage: AutoScale.Bench submit [requests=10000] [concurrency=32 ...]
//        AutoScale.Bench speech [jobs=200]     (first audio byte, eSpeak RTF, no-op jobs/s through the cluster)
//        AutoScale.Bench openai-speech [requests=200]  (POST /v1/audio/speech -> first audio byte, 1 warm eSpeak worker)
//        AutoScale.Bench fleet [rounds=5] [jobs=30]  (local fleet from cold: first worker ready, back to zero)
//        AutoScale.Bench kokoro [rounds=3]     (full-size Kokoro-82M, random weights: real-time factor, peak memory)
//        AutoScale.Bench kokoro-speech [requests=20] (tts-1-hd on one warm Kokoro CPU worker: first audio byte, real-time factor, memory)
//        AutoScale.Bench kokoro-worker         (a real Kokoro worker process, full size: resident once ready, peak per chunk)
//        AutoScale.Bench kokoro-parity DIR     (the port against upstream PyTorch on a parity fixture; exit 1 if a bound breaks)
//        AutoScale.Bench kokoro-batches [--device cuda|cpu] [--sizes 1,8,32,64,128] [--seconds-per-item 10] [--time-box 60] [--runs 5] [--out DIR]
//                                              (full-size Kokoro by batch size: audio s per s, RTF, peak GPU memory; bench/gpu runs it)
//        AutoScale.Bench compare [jobs=2000]   (side by side: ours vs Hangfire vs plain SQL, dispatch, memory, pgbench)
//        AutoScale.Bench encoders [seconds=600] (CPU seconds and bytes per minute of audio of every format, resampled or not)
// Starts a private PostgreSQL (under .data/bench-postgres) and Release processes on a fresh database, then measures.
if (args.FirstOrDefault() == "speech")
{
    await SpeechBench.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200);
    return;
}

if (args.FirstOrDefault() == "openai-speech")
{
    await OpenAiSpeechBench.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200);
    return;
}

if (args.FirstOrDefault() == "encoders")
{
    await EncodersBench.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 600);
    return;
}

if (args.FirstOrDefault() == "compare")
{
    await CompareBench.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000);
    return;
}

if (args.FirstOrDefault() == "kokoro")
{
    KokoroBench.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3);
    return;
}

if (args.FirstOrDefault() == "kokoro-speech")
{
    await KokoroSpeechBench.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20);
    return;
}

if (args.FirstOrDefault() == "kokoro-parity" && args.Length > 1)
{
    Environment.ExitCode = KokoroParityBench.Run(args[1]);
    return;
}

if (args.FirstOrDefault() == "kokoro-worker")
{
    await KokoroWorkerBench.RunAsync();
    return;
}

if (args.FirstOrDefault() == "kokoro-batches")
{
    KokoroBatchesBench.Run(KokoroBatchesOptions.Parse(args[1..]));
    return;
}

if (args.FirstOrDefault() == "fleet")
{
    await FleetBench.RunAsync(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30);
    return;
}

var requests = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
var concurrencies = args.Length > 2 ? args[2..].Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [32];

var postgres = LocalPostgresCluster.StartOrReuse(Path.Combine(RepositoryLayout.Root, ".data", "bench-postgres"));
try
{
    await RunAsync(postgres.CreateDatabase($"bench_{DateTime.UtcNow:yyyyMMddHHmmss}"), requests, concurrencies);
}
finally
{
    postgres.Stop();
}

static async Task RunAsync(string database, int requests, int[] concurrencies)
{
    await using var gateway = await BenchGateway.StartAsync(database);

    Console.WriteLine($"POST /v1/jobs, durable (PostgreSQL fsync on), {Environment.ProcessorCount} cores, gateway + PostgreSQL + load generator on one machine");
    Console.WriteLine($"{"requests",9} {"conc.",6} {"errors",7} {"seconds",8} {"req/s",8} {"p50 ms",8} {"p90 ms",8} {"p99 ms",8} {"max ms",8} {"rows",8}");
    var benchmark = new SubmitBenchmark(gateway.BaseAddress, gateway.TenantKey);
    await benchmark.RunAsync(Math.Min(500, requests), 8, CancellationToken.None); // warm-up: JIT, pools, grain code paths
    foreach (var concurrency in concurrencies)
{
        var before = await CountJobsAsync(database);
        var result = await benchmark.RunAsync(requests, concurrency, CancellationToken.None);
        var stored = await CountJobsAsync(database) - before;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Requests,9} {result.Concurrency,6} {result.Requests - result.Accepted,7} {result.Elapsed.TotalSeconds,8:0.00} {result.Throughput,8:0} " +
            $"{result.Latency.Percentile(50),8:0.0} {result.Latency.Percentile(90),8:0.0} {result.Latency.Percentile(99),8:0.0} {result.Latency.Max,8:0.0} {stored,8}"));
        foreach (var (status, count) in result.Failures)
        {
            Console.WriteLine($"  {count} answers were {(int)status} {status}");
        }
}

}

static async Task<long> CountJobsAsync(string database)
{
    await using var dataSource = NpgsqlDataSource.Create(database);
    await using var command = dataSource.CreateCommand("SELECT count(*) FROM jobs");
    return (long)(await command.ExecuteScalarAsync())!;
}
