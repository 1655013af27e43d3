using System.Globalization;

namespace AutoScale.Bench;

/// <summary>
/// <c>kokoro-batches [--device cpu|cuda] [--sizes 1,8,32,64,128] [--seconds-per-item 10] [--time-box 60] [--runs 5] [--out DIR]</c>.
/// </summary>
/// <param name="Device"><c>cpu</c> or <c>cuda</c>.</param>
/// <param name="Sizes">Batch sizes, in the order run.</param>
/// <param name="SecondsPerItem">About how much audio each utterance makes.</param>
/// <param name="TimeBoxSeconds">Per batch size: no further run starts after this (warm-up included); a size whose one run
/// would not fit, judged from the last size's time per item, is skipped.</param>
/// <param name="Runs">Measured runs per size after the warm-up; the median is reported.</param>
/// <param name="Out">Folder for <c>kokoro-batches.json</c>; none when null.</param>
public sealed record KokoroBatchesOptions(
    string Device, IReadOnlyList<int> Sizes, double SecondsPerItem, double TimeBoxSeconds, int Runs, string? Out)
{
    public static KokoroBatchesOptions Parse(IReadOnlyList<string> args)
    {
        var options = new KokoroBatchesOptions("cuda", [1, 8, 32, 64, 128], 10, 60, 5, null);
        for (var i = 0; i < args.Count; i += 2)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--device" when value is "cpu" or "cuda" => options with { Device = value },
                "--sizes" => options with { Sizes = [.. value.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))] },
                "--seconds-per-item" => options with { SecondsPerItem = double.Parse(value, CultureInfo.InvariantCulture) },
                "--time-box" => options with { TimeBoxSeconds = double.Parse(value, CultureInfo.InvariantCulture) },
                "--runs" => options with { Runs = int.Parse(value, CultureInfo.InvariantCulture) },
                "--out" => options with { Out = value },
                _ => throw new ArgumentException($"Unknown option or value: {args[i]} {value}."),
            };
        }

        return options.Sizes.Count > 0 && options.Sizes.All(s => s > 0) && options.Runs > 0 && options.SecondsPerItem > 0
            ? options
            : throw new ArgumentException("Sizes, runs and seconds per item must be positive.");
    }
}
