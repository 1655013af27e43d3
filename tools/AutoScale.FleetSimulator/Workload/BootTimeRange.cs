using System.Globalization;

namespace AutoScale.FleetSimulator.Workload;

/// <summary>How long a new worker takes from being asked for to pulling work: a fixed time, or uniform in a range.</summary>
public readonly record struct BootTimeRange(double MinSeconds, double MaxSeconds)
{
    public static BootTimeRange Fixed(double seconds) => new(seconds, seconds);

    public bool IsValid => MinSeconds >= 0 && MaxSeconds >= MinSeconds;

    public double MeanSeconds => (MinSeconds + MaxSeconds) / 2;

    public double Sample(Random random) => MinSeconds + (MaxSeconds - MinSeconds) * random.NextDouble();

    /// <summary>Reads "90" or "60-170" (seconds).</summary>
    public static bool TryParse(string text, out BootTimeRange range)
    {
        var parts = text.Split('-');
        range = default;
        if (parts.Length is < 1 or > 2 || !parts.All(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            return false;
        }

        var min = double.Parse(parts[0], CultureInfo.InvariantCulture);
        range = new BootTimeRange(min, parts.Length == 2 ? double.Parse(parts[1], CultureInfo.InvariantCulture) : min);
        return range.IsValid;
    }

    public override string ToString() => MinSeconds == MaxSeconds
        ? FormattableString.Invariant($"{MinSeconds:0.#} s")
        : FormattableString.Invariant($"uniform {MinSeconds:0.#}-{MaxSeconds:0.#} s");
}
