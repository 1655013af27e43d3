using System.Diagnostics;
using System.Globalization;
using AutoScale.Engines.Abstractions;
using AutoScale.Engines.Kokoro;
using AutoScale.Engines.Kokoro.Hosting;
using AutoScale.Engines.Kokoro.Model;
using AutoScale.Testing;

namespace AutoScale.Bench;

/// <summary>
/// A Kokoro CPU worker's engine in process: the full-size random-weight model (<see cref="FullSizeKokoro"/>) written in the
/// official format and loaded through the production loader with the real af_heart voice, then one request at a time:
/// a one-sentence chunk and the longest chunk the model takes (510 phonemes). Per chunk: audio seconds, wall seconds
/// (median of the rounds after a warm-up), CPU real-time factor and peak resident memory while serving it.
/// </summary>
public static class KokoroBench
{
    internal const string Voice = "af_heart";

    internal const string Sentence = "The quick brown fox jumped over the lazy dog near the river bank.";

    // Plain prose with sentence breaks; its longest prefix that stays one chunk is the 510-phoneme case.
    internal const string Passage =
        "The river ran quietly past the old mill, where nobody had worked for years, and the water wheel turned only when the " +
        "spring floods came down from the hills. By noon the market square was full of voices, fresh bread and the smell of rain " +
        "on warm stone, while children chased each other between the stalls and their parents argued cheerfully about the price " +
        "of apples, onions and wool. Trains left the little station every twenty minutes for the city, but on Sundays the last " +
        "one never came, and the stationmaster would sit on the bench outside his office reading yesterday's newspaper until the " +
        "lamps were lit and the swallows had gone quiet under the roof of the waiting room.";

    public static void Run(int rounds)
    {
        // The worker's heap policy from the start, or the blocks freed after writing the checkpoint stay resident (see NativeHeap).
        NativeHeap.MapLargeBlocksSeparately();
        var models = Directory.CreateTempSubdirectory("autoscale-kokoro-bench-").FullName;
        try
        {
            var files = WriteModel(models);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Measure(files, rounds);
        }
        finally
        {
            Directory.Delete(models, recursive: true);
        }
    }

    /// <summary>The full-size random-weight model with the official config and the real af_heart voice, as a worker's <c>Models:Path</c>.</summary>
    internal static KokoroModelFiles WriteModel(string modelsPath)
    {
        var data = Path.Combine(RepositoryLayout.Shared
            ?? throw new InvalidOperationException("The Kokoro benches need ../shared/data (the official config and the af_heart voice)."), "data");
        return FullSizeKokoro.Write(modelsPath, Path.Combine(data, "kokoro-v1_0-config.json"), Voice, Path.Combine(data, $"kokoro-voice-{Voice}.pt"));
    }

    private static void Measure(KokoroModelFiles files, int rounds)
    {
        ProcessMemory.ResetPeak();
        var clock = Stopwatch.StartNew();
        using var engine = KokoroEngine.Load(files, new KokoroOptions { BatchSize = 1 });
        Console.WriteLine(FullSizeKokoro.Description);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"engine loaded through the production loader with the real {Voice} voice in {clock.Elapsed.TotalSeconds:0.0} s (warm-up included), " +
            $"device {engine.Capabilities.Device}, {Environment.ProcessorCount} cores, batch size 1; " +
            $"resident {ProcessMemory.ResidentMegabytes:0} MB, peak while loading {ProcessMemory.PeakResidentMegabytes:0} MB"));
        Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}");

        var phonemes = new PhonemeCounter(KokoroConfig.Load(files.Config));
        foreach (var (label, text) in new[] { ("one sentence", Sentence), ("longest chunk", phonemes.LongestSingleChunk(Passage)) })
        {
            var request = new SynthesisRequest(text, Voice, 1.0);
            Speak(engine, request); // warm-up: this length's first pass
            ProcessMemory.ResetPeak();
            var runs = Enumerable.Range(0, rounds).Select(_ => Speak(engine, request)).OrderBy(r => r.Seconds).ToList();
            var (seconds, audio) = runs[runs.Count / 2];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label}, {phonemes.Count(text)} phonemes: {audio:0.0} s of audio in {seconds:0.00} s (median of {rounds}), " +
                $"real-time factor {seconds / audio:0.000}, peak resident memory {ProcessMemory.PeakResidentMegabytes:0} MB"));
        }

        Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}");
    }

    private static (double Seconds, double Audio) Speak(KokoroEngine engine, SynthesisRequest request)
    {
        var clock = Stopwatch.StartNew();
        var result = engine.SynthesizeAsync([request], CancellationToken.None).GetAwaiter().GetResult()[0];
        return (clock.Elapsed.TotalSeconds, result.Duration.TotalSeconds);
    }
}
