using AutoScale.Data;
using AutoScale.Testing;

namespace AutoScale.Bench;

/// <summary>
/// Time to first audio byte of the OpenAI-compatible <c>POST /v1/audio/speech</c>, one warm eSpeak worker, in WAV and in
/// mp3 (OpenAI's default; the LAME encoder's first frame, both resampled to 24 kHz), requests of each in turn.
/// </summary>
public static class OpenAiSpeechBench
{
    public static async Task RunAsync(int requests)
    {
        var postgres = LocalPostgresCluster.StartOrReuse(Path.Combine(RepositoryLayout.Root, ".data", "bench-postgres"));
        try
        {
            await using var espeak = await BenchGateway.StartAsync(postgres.CreateDatabase($"bench_openai_{DateTime.UtcNow:yyyyMMddHHmmss}"), workers: 1);
            foreach (var format in new[] { "wav", "mp3" })
            {
                var first = await LatencyBenchmarks.OpenAiSpeechFirstAudioAsync(espeak, requests, format);
                Console.WriteLine(LatencyBenchmarks.Row($"/v1/audio/speech {format} -> first audio byte", first));
            }
        }
        finally
        {
            postgres.Stop();
        }
    }
}
