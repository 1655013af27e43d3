using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AutoScale.Data;
using AutoScale.Engines.Kokoro.Model;
using AutoScale.Testing;

namespace AutoScale.Bench;

/// <summary>
/// A real Kokoro CPU worker process (src/Silo with <c>Worker:Engine=kokoro</c>, <c>Models:Path</c> holding the full-size
/// random-weight model and the real af_heart voice) behind a gateway on a private PostgreSQL: its resident memory once ready,
/// then its peak while it serves a one-sentence job and a job that is one 510-phoneme chunk, read from its <c>/proc</c> status.
/// </summary>
public static class KokoroWorkerBench
{
    public static async Task RunAsync()
    {
        var models = Directory.CreateTempSubdirectory("autoscale-kokoro-worker-bench-").FullName;
        var files = KokoroBench.WriteModel(models);
        var phonemes = new PhonemeCounter(KokoroConfig.Load(files.Config));
        var postgres = LocalPostgresCluster.StartOrReuse(Path.Combine(RepositoryLayout.Root, ".data", "bench-postgres"));
        try
        {
            await using var gateway = await BenchGateway.StartAsync(
                postgres.CreateDatabase($"bench_kokoro_{DateTime.UtcNow:yyyyMMddHHmmss}"), workers: 1, engine: "kokoro", pool: "kokoro",
                workerSettings: new Dictionary<string, string> { ["Models__Path"] = models });
            var worker = gateway.Workers[0];
            using var client = LatencyBenchmarks.Client(gateway);
            await Eventually.TrueAsync(
                async () => (await ModelAsync(client)).GetProperty("availability").GetProperty("status").GetString() == "serving",
                TimeSpan.FromMinutes(5), "the Kokoro worker to load, warm up and pull work");
            Console.WriteLine(FullSizeKokoro.Description);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"worker process {worker.Id} ready: resident {ProcessMemory.ResidentMegabytesOf(worker.Id):0} MB, peak so far (start-up, load, warm-up) {ProcessMemory.PeakResidentMegabytesOf(worker.Id):0} MB; load average {File.ReadAllText("/proc/loadavg").Trim()}"));

            foreach (var (label, text) in new[] { ("one sentence", KokoroBench.Sentence), ("longest chunk", phonemes.LongestSingleChunk(KokoroBench.Passage)) })
            {
                ProcessMemory.ResetPeakOf(worker.Id);
                var clock = Stopwatch.StartNew();
                var job = await SpeakAsync(client, text);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{label}, {phonemes.Count(text)} phonemes: job {job} in {clock.Elapsed.TotalSeconds:0.0} s (submit to succeeded), worker's peak resident memory {ProcessMemory.PeakResidentMegabytesOf(worker.Id):0} MB"));
            }

            Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}");
        }
        finally
        {
            postgres.Stop();
            Directory.Delete(models, recursive: true);
        }
    }

    private static async Task<JsonElement> ModelAsync(HttpClient client) =>
        JsonDocument.Parse(await client.GetStringAsync("/v1/models")).RootElement.GetProperty("data").EnumerateArray()
            .Single(m => m.GetProperty("id").GetString() == "kokoro");

    private static async Task<string> SpeakAsync(HttpClient client, string text)
    {
        var body = JsonSerializer.Serialize(new { text, model = "kokoro", voice = KokoroBench.Voice });
        using var response = await client.PostAsync("/v1/jobs", new StringContent(body, Encoding.UTF8, "application/json"));
        var answer = await response.Content.ReadAsStringAsync();
        var id = response.IsSuccessStatusCode
            ? JsonDocument.Parse(answer).RootElement.GetProperty("id").GetString()!
            : throw new InvalidOperationException($"POST /v1/jobs answered {(int)response.StatusCode}: {answer}");
        var done = await Eventually.ReturnsAsync(
            async () => JsonDocument.Parse(await client.GetStringAsync($"/v1/jobs/{id}")).RootElement,
            job => job.GetProperty("status").GetString() is "succeeded" or "failed",
            TimeSpan.FromMinutes(5), $"job {id} to finish");
        return done.GetProperty("status").GetString() == "succeeded" ? id : throw new InvalidOperationException($"job {id} failed: {done}");
    }
}
