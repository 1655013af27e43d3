using System.Globalization;
using AutoScale.Data;
using AutoScale.Testing;

namespace AutoScale.Bench;

/// <summary>
/// <c>tts-1-hd</c> through the whole product on a warm Kokoro CPU worker: a gateway, one worker process with the full-size
/// random-weight model (<see cref="FullSizeKokoro"/>) under its <c>Models:Path</c>, and one-sentence requests in turn.
/// Prints time to the first audio byte (p50, p95), the real-time factor the client sees (whole answer ÷ audio), and the
/// worker process's peak resident memory.
/// </summary>
public static class KokoroSpeechBench
{
    private const string Voice = "af_heart";

    public static async Task RunAsync(int requests)
    {
        var shared = RepositoryLayout.Shared
            ?? throw new InvalidOperationException("The Kokoro speech bench needs ../shared/data (the official config and the af_heart voice).");
        var models = Directory.CreateTempSubdirectory("autoscale-kokoro-speech-").FullName;
        var postgres = LocalPostgresCluster.StartOrReuse(Path.Combine(RepositoryLayout.Root, ".data", "bench-postgres"));
        try
        {
            FullSizeKokoro.Write(models, Path.Combine(shared, "data", "kokoro-v1_0-config.json"), Voice, Path.Combine(shared, "data", $"kokoro-voice-{Voice}.pt"));
            await using var gateway = await BenchGateway.StartAsync(
                postgres.CreateDatabase($"bench_kokoro_{DateTime.UtcNow:yyyyMMddHHmmss}"), workers: 1, engine: "kokoro", pool: "kokoro",
                workerSettings: new Dictionary<string, string> { ["Models__Path"] = models });
            var timings = await LatencyBenchmarks.OpenAiSpeechTimingsAsync(gateway, requests, model: "tts-1-hd", warmUp: 3);
            var firstByte = new LatencyStats(timings.Select(t => t.FirstByteMilliseconds));
            var audio = timings.Sum(t => t.AudioSeconds(24_000));
            var wall = timings.Sum(t => t.TotalMilliseconds) / 1000;
            Console.WriteLine(FullSizeKokoro.Description);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"tts-1-hd, one sentence per request, one warm CPU worker, {Environment.ProcessorCount} cores, load average {LoadAverage()} at the end:"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  first audio byte: p50 {firstByte.Percentile(50):0} ms, p95 {firstByte.Percentile(95):0} ms, max {firstByte.Max:0} ms ({firstByte.Count} requests)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {audio:0.0} s of audio in {wall:0.0} s of whole answers: real-time factor {wall / audio:0.00} ({audio / timings.Count:0.0} s of audio per request)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  worker process peak resident memory: {ProcessMemory.PeakResidentMegabytesOf(gateway.Workers[0].Id):0} MB"));
        }
        finally
        {
            postgres.Stop();
            Directory.Delete(models, recursive: true);
        }
    }

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
