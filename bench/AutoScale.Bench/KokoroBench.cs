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
        var model = new KokoroModel(new KokoroConfig(), stochasticSource: false);
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

        var eight = Stopwatch.StartNew();
        var audioOfEight = 0.0;
        for (var i = 0; i < 8; i++)
        {
            audioOfEight += Speak(model, tokens, voice).Audio;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"8 utterances one after another (the engine does not batch yet): {audioOfEight:0.0} s of audio in {eight.Elapsed.TotalSeconds:0.00} s: real-time factor {eight.Elapsed.TotalSeconds / audioOfEight:0.000}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak resident memory of this process: {PeakResidentMegabytes():0} MB"));
    }

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
            .Select(line => double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024)
            .FirstOrDefault();
}
