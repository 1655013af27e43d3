using System.Globalization;
using AutoScale.Data;
using AutoScale.Testing;

namespace AutoScale.Bench;

/// <summary>The speech path's figures: first audio with a warm eSpeak worker, eSpeak's RTF, no-op jobs/s.</summary>
public static class SpeechBench
{
    public static async Task RunAsync(int jobs)
    {
        var (factor, audioSeconds, runs) = await RealTimeFactor.ESpeakAsync(20);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"eSpeak NG real-time factor (in process, {runs} chunks of 245 characters, {audioSeconds:0} s of audio): {factor:0.0000} ({1 / factor:0}x faster than real time)"));

        var postgres = LocalPostgresCluster.StartOrReuse(Path.Combine(RepositoryLayout.Root, ".data", "bench-postgres"));
        try
        {
            await using (var espeak = await BenchGateway.StartAsync(postgres.CreateDatabase($"bench_first_{DateTime.UtcNow:yyyyMMddHHmmss}"), workers: 1))
            {
                var first = await LatencyBenchmarks.FirstAudioAsync(espeak, jobs);
                Console.WriteLine(LatencyBenchmarks.Row("submit -> first audio byte (1 warm worker)", first));
            }

            await using var silent = await BenchGateway.StartAsync(postgres.CreateDatabase($"bench_noop_{DateTime.UtcNow:yyyyMMddHHmmss}"), workers: 1, engine: "silent");
            await LatencyBenchmarks.ThroughputAsync(silent, 50);
            var (count, elapsed) = await LatencyBenchmarks.ThroughputAsync(silent, jobs * 5);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"no-op engine, 1 worker: {count} one-chunk jobs submitted and finished in {elapsed.TotalSeconds:0.0} s = {count / elapsed.TotalSeconds:0} chunks/s"));
        }
        finally
        {
            postgres.Stop();
        }
    }
}
