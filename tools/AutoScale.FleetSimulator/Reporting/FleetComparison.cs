using AutoScale.FleetSimulator.Simulation;

namespace AutoScale.FleetSimulator.Reporting;

/// <summary>
/// The policy's fleet next to always-on fleets on the very same requests: the smallest always-on fleet as good as the
/// policy's at p95 (first audio, and whole requests relative to their length), and the seed's ten workers.
/// </summary>
public static class FleetComparison
{
    /// <summary>The fleet the seed's estimate assumed: about ten workers, on all the time.</summary>
    public const int SeedWorkers = 10;

    /// <summary>The seed's cost estimate for that fleet, USD per month.</summary>
    public const decimal SeedCostPerMonthUsd = 1_615m;

    private const int LargestAlwaysOnFleet = 1_000;

    public static IReadOnlyList<FleetRow> Run(SimulatorOptions options)
    {
        var autoscaled = FleetSimulation.Run(options, FleetPlan.Autoscaled);
        var rows = new List<FleetRow> { new("autoscaled (the scaler's core)", autoscaled) };
        if (autoscaled.Requests > 0 && SmallestMatching(options, autoscaled.P95WaitSeconds, autoscaled.P95DoneOverLength) is { } matching)
        {
            rows.Add(new FleetRow($"always-on {matching.Workers}, fewest as good", matching.Result));
        }

        rows.Add(new FleetRow($"always-on {SeedWorkers} (the seed's fleet)", FleetSimulation.Run(options, FleetPlan.AlwaysOn(SeedWorkers))));
        return rows;
    }

    /// <summary>
    /// Fewest always-on workers whose p95 wait is at most <paramref name="p95WaitSeconds"/> (and, when given, whose
    /// p95 time to all audio over its length is at most <paramref name="p95DoneOverLength"/> or 1); null if even
    /// <see cref="LargestAlwaysOnFleet"/> do not manage. Below the mean load the queue grows without end, so the
    /// search starts there, doubles from the peak-hour load until it matches, then bisects.
    /// </summary>
    public static (int Workers, SimulationResult Result)? SmallestMatching(SimulatorOptions options, double p95WaitSeconds, double p95DoneOverLength = double.NaN)
    {
        var runs = new Dictionary<int, SimulationResult>();
        SimulationResult Run(int workers) =>
            runs.TryGetValue(workers, out var known) ? known : runs[workers] = FleetSimulation.Run(options, FleetPlan.AlwaysOn(workers));
        // As good: first audio as soon at p95, and whole requests done at least as fast relative to their length (or
        // faster than they play, whichever is looser).
        bool Matches(int workers) => Run(workers) is var run && run.P95WaitSeconds <= p95WaitSeconds
            && (double.IsNaN(p95DoneOverLength) || run.P95DoneOverLength <= Math.Max(1, p95DoneOverLength));

        var low = Math.Max(0, (int)Math.Floor(options.MeanLoadWorkers) - 1); // known not to match, or zero
        var high = Math.Max(low + 1, (int)Math.Ceiling(options.PeakLoadWorkers));
        while (!Matches(high))
        {
            low = high;
            high *= 2;
            if (high > LargestAlwaysOnFleet)
            {
                return null;
            }
        }

        while (high - low > 1)
        {
            var middle = (low + high) / 2;
            if (Matches(middle))
            {
                high = middle;
            }
            else
            {
                low = middle;
            }
        }

        return (high, Run(high));
    }
}
