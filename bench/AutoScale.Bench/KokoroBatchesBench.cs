using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AutoScale.Engines.Kokoro.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace AutoScale.Bench;

/// <summary>
/// Throughput of the full-size model (<see cref="FullSizeKokoro"/>) by batch size on one device: batches of different
/// utterances of about the same length (as the engine's length buckets group them), one warm-up per size, then the median of
/// several runs, each timed until every item's audio is back on the CPU (that read synchronises the GPU), each size time-boxed.
/// Prints a table and, with <c>--out</c>, writes <c>kokoro-batches.json</c>. The script in <c>bench/gpu</c> runs it on the H200.
/// </summary>
public static class KokoroBatchesBench
{
    public const string ResultFile = "kokoro-batches.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static void Run(KokoroBatchesOptions options)
    {
        var device = Choose(options.Device);
        NativeHeap.MapLargeBlocksSeparately();
        using var gpu = device.type == DeviceType.CUDA ? GpuMemorySampler.TryStart() : null;
        var clock = Stopwatch.StartNew();
        using var model = FullSizeKokoro.Create();
        model.to(device);
        var header = string.Create(CultureInfo.InvariantCulture,
            $"{FullSizeKokoro.Description}; built in {clock.Elapsed.TotalSeconds:0.0} s on {device}, TorchSharp's libtorch {__version__}, " +
            $"{Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()}, " +
            $"GPU memory {(gpu is null ? "not sampled (no nvidia-smi)" : $"{gpu.Latest} MiB used before the first batch")}");
        Console.WriteLine(header);
        Console.WriteLine($"{"batch",5} {"runs",4} {"median s",9} {"audio s",8} {"audio s/s",10} {"RTF",7} {"GPU MiB",8} {"RSS MiB",8}");

        var results = new List<BatchMeasurement>();
        double? secondsPerItem = null;
        foreach (var size in options.Sizes)
        {
            var result = MeasureSize(model, device, size, options, secondsPerItem, gpu);
            results.Add(result);
            Console.WriteLine(Row(result));
            if (result.Runs > 0)
            {
                secondsPerItem = result.MedianSeconds / size;
            }
            else if (result.Skipped?.StartsWith("out of memory", StringComparison.Ordinal) == true)
            {
                break;
            }
        }

        if (options.Out is { } folder)
        {
            Directory.CreateDirectory(folder);
            var report = new { date = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture), header, options, results };
            File.WriteAllText(Path.Combine(folder, ResultFile), JsonSerializer.Serialize(report, Json));
            Console.WriteLine($"written {Path.Combine(folder, ResultFile)}");
        }
    }

    private static Device Choose(string device)
    {
        if (device != "cuda")
        {
            return CPU;
        }

        InitializeDeviceType(DeviceType.CUDA);
        return cuda.is_available() ? CUDA : throw new InvalidOperationException("--device cuda, but TorchSharp sees no CUDA device.");
    }

    private static BatchMeasurement MeasureSize(KokoroModel model, Device device, int size, KokoroBatchesOptions options, double? secondsPerItem, GpuMemorySampler? gpu)
    {
        // A warm-up and one run must fit in the box, judged from the last size's time per item.
        if (secondsPerItem * size * 2 > options.TimeBoxSeconds)
        {
            return Skipped(size, string.Create(CultureInfo.InvariantCulture,
                $"time box: one run would take about {secondsPerItem * size:0} s against a box of {options.TimeBoxSeconds:0} s"));
        }

        using var scope = NewDisposeScope();
        var utterances = Enumerable.Range(0, size)
            .Select(u => new KokoroUtterance(FullSizeKokoro.Tokens(options.SecondsPerItem, u), (randn(1, 256) * 0.15).to(device), 1.0, u))
            .ToList();
        gpu?.Reset();
        ProcessMemory.ResetPeak();
        var box = Stopwatch.StartNew();
        try
        {
            Speak(model, utterances); // warm-up
            var runs = new List<(double Seconds, double Audio)>();
            while (runs.Count < options.Runs && (runs.Count == 0 || box.Elapsed.TotalSeconds < options.TimeBoxSeconds))
            {
                runs.Add(Speak(model, utterances));
            }

            var (seconds, audio) = runs.OrderBy(r => r.Seconds).ElementAt(runs.Count / 2);
            return new BatchMeasurement(size, runs.Count, seconds, audio, audio / seconds, seconds / audio,
                gpu?.Peak, ProcessMemory.PeakResidentMegabytes, null);
        }
        catch (Exception e) when (e.Message.Contains("out of memory", StringComparison.OrdinalIgnoreCase))
        {
            return Skipped(size, $"out of memory: {e.Message.Split('\n')[0]}");
        }
    }

    private static (double Seconds, double Audio) Speak(KokoroModel model, IReadOnlyList<KokoroUtterance> utterances)
    {
        using var scope = NewDisposeScope();
        var clock = Stopwatch.StartNew();
        var samples = 0L;
        foreach (var (audio, _) in model.SpeakBatch(utterances))
        {
            samples += audio.cpu().shape[0];
        }

        return (clock.Elapsed.TotalSeconds, samples / (double)model.Config.SampleRate);
    }

    private static BatchMeasurement Skipped(int size, string reason) => new(size, 0, 0, 0, 0, 0, null, 0, reason);

    private static string Row(BatchMeasurement m) => m.Skipped is { } reason
        ? $"{m.Batch,5} skipped: {reason}"
        : string.Create(CultureInfo.InvariantCulture,
            $"{m.Batch,5} {m.Runs,4} {m.MedianSeconds,9:0.000} {m.AudioSeconds,8:0.0} {m.AudioSecondsPerSecond,10:0.0} {m.RealTimeFactor,7:0.0000} {(m.PeakGpuMemoryMiB?.ToString(CultureInfo.InvariantCulture) ?? "-"),8} {m.PeakResidentMiB,8:0}");
}
