using AutoScale.Cluster.Database;
using AutoScale.Testing;

namespace AutoScale.Bench;

/// <summary>Time to first audio byte of the OpenAI-compatible <c>POST /v1/audio/speech</c>, one warm eSpeak worker.</summary>
public static class OpenAiSpeechBench
{
    public static async Task RunAsync(int requests)
    {
        var postgres = LocalPostgresCluster.StartOrReuse(Path.Combine(RepositoryLayout.Root, ".data", "bench-postgres"));
        try
        {
            await using var espeak = await BenchGateway.StartAsync(postgres.CreateDatabase($"bench_openai_{DateTime.UtcNow:yyyyMMddHHmmss}"), workers: 1);
            var first = await LatencyBenchmarks.OpenAiSpeechFirstAudioAsync(espeak, requests);
            Console.WriteLine(LatencyBenchmarks.Row("/v1/audio/speech -> first audio byte", first));
        }
        finally
        {
            postgres.Stop();
        }
    }
}
