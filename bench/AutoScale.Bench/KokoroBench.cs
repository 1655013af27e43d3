using System.Diagnostics;
using System.Globalization;
using AutoScale.Engines.Kokoro;
using AutoScale.Engines.Kokoro.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace AutoScale.Bench;

/// <summary>
/// The full-size Kokoro-82M (official sizes, random weights: the official ones cannot be downloaded here) on this
/// machine's device: real-time factor for an utterance of about ten seconds, and the process's peak memory.
/// </summary>
public static class KokoroBench
{
    public static void Run(int rounds)
    {
        var device = TorchRuntime.ChooseDevice();
        manual_seed(1);
        var clock = Stopwatch.StartNew();
        var model = new KokoroModel(new KokoroConfig());
        model.to(device).eval();
        var built = clock.Elapsed.TotalSeconds;
        var parameters = model.parameters().Sum(p => p.numel());
        // Random weights give about 25 frames (0.6 s) per token, so 18 tokens make roughly ten seconds of audio.
        var tokens = tensor(Enumerable.Range(0, 18).Select(i => i is 0 or 17 ? 0L : 1 + (i * 37 % 170)).ToArray(), device: device).unsqueeze(0);
        var voice = randn(1, 256, device: device) * 0.15;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Kokoro-82M, official sizes, random weights: {parameters:#,0} parameters, built in {built:0.0} s, device {device.type}, {Environment.ProcessorCount} cores"));

        Speak(model, tokens, voice); // warm-up
        var timings = new List<(double Seconds, double Audio)>();
        for (var round = 0; round < rounds; round++)
        {
            timings.Add(Speak(model, tokens, voice));
        }

        var (seconds, audio) = timings.OrderBy(t => t.Seconds).ElementAt(timings.Count / 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"batch 1: {audio:0.0} s of audio in {seconds:0.00} s (median of {rounds}): real-time factor {seconds / audio:0.000}"));

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak resident memory, batch 1: {PeakResidentMegabytes():0} MB"));

        // Eight different utterances of about the same length (as the engine's length buckets group them).
        var eight = Enumerable.Range(0, 8)
            .Select(u => new KokoroUtterance([0L, .. Enumerable.Range(1, 16).Select(i => 1L + ((i * 37) + (u * 11)) % 170), 0L], voice, 1.0, u))
            .ToList();
        var sequential = Stopwatch.StartNew();
        var audioOfEight = eight.Sum(u => Speak(model, [u]));
        var sequentialSeconds = sequential.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"8 utterances one after another: {audioOfEight:0.0} s of audio in {sequentialSeconds:0.00} s: real-time factor {sequentialSeconds / audioOfEight:0.000}"));

        ResetPeakResidentMemory();
        var batchTimings = new List<double>();
        for (var round = 0; round < Math.Max(1, rounds / 2); round++)
        {
            var batch = Stopwatch.StartNew();
            Speak(model, eight);
            batchTimings.Add(batch.Elapsed.TotalSeconds);
        }

        var batchSeconds = batchTimings.Order().ElementAt(batchTimings.Count / 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"batch 8 (one padded, masked forward): {audioOfEight:0.0} s of audio in {batchSeconds:0.00} s (median of {batchTimings.Count}): real-time factor {batchSeconds / audioOfEight:0.000}, {sequentialSeconds / batchSeconds:0.00}x the throughput of one after another"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak resident memory, batch 8: {PeakResidentMegabytes():0} MB"));
    }

    private static double Speak(KokoroModel model, IReadOnlyList<KokoroUtterance> utterances)
    {
        using var scope = NewDisposeScope();
        return model.SpeakBatch(utterances).Sum(spoken => spoken.Audio.shape[0] / 24_000.0);
    }

    /// <summary>Resets the kernel's peak-RSS mark (VmHWM) of this process, so the next reading covers what follows.</summary>
    private static void ResetPeakResidentMemory() => File.WriteAllText("/proc/self/clear_refs", "5");

    private static (double Seconds, double Audio) Speak(KokoroModel model, Tensor tokens, Tensor voice)
    {
        using var scope = NewDisposeScope();
        var clock = Stopwatch.StartNew();
        var (audio, _) = model.Speak(tokens, voice);
        var samples = audio.shape[0];
        return (clock.Elapsed.TotalSeconds, samples / 24_000.0);
    }

    private static double PeakResidentMegabytes() =>
        File.ReadLines("/proc/self/status").Where(line => line.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Select(line => double.Parse(line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024)
            .FirstOrDefault();
}
