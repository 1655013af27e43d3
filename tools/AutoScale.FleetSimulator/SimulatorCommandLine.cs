using System.Globalization;
using AutoScale.FleetSimulator.Simulation;
using AutoScale.FleetSimulator.Workload;

namespace AutoScale.FleetSimulator;

/// <summary>Reads <c>--name value</c> pairs into <see cref="SimulatorOptions"/>, starting from the defaults.</summary>
public static class SimulatorCommandLine
{
    public const string Usage = """
        Usage: dotnet run --project tools/AutoScale.FleetSimulator -c Release -- [options]

        Runs the scaler's own core against a modelled load on a virtual clock and prints waits to first audio and
        costs, next to always-on fleets. Defaults are the seed's scenario.

        Load
          --users N              listeners a day                                   (10000)
          --hours-per-user H     hours of audio each asks for a day                (3)
          --request-minutes M    mean audio per request (a chapter), lognormal     (20)
          --request-sigma S      sigma of the log of request lengths               (1)
          --chunk-seconds S      audio per chunk                                   (15)
          --trough-hour H        quietest hour of the day, 0-23.99                 (4)
          --peak-hour H          busiest hour of the day, 0-23.99                  (21)
          --peak-to-trough R     how much busier the peak is than the trough       (4)
          --dispatch ORDER       fifo, or fresh-first (the production queue's
                                 order: new requests' first chunks go first)       (fresh-first)
        Workers
          --boot S | MIN-MAX     boot time in seconds, fixed or uniform            (90)
          --rtf X                engine seconds per second of audio                (0.01)
          --concurrency N        chunks a worker synthesises as one batch          (8)
          --price USD            per worker-hour                                   (0.34)
        Scaler
          --tick S               seconds between scaler ticks                      (2)
          --target-wait S        the policy's target wait                          (60)
          --idle S               idle window before a worker may be drained        (300)
          --min-workers N        pool minimum                                      (0)
          --max-workers N        pool maximum                                      (50)
          --budget USD           per hour for the pool                             (none)
        Run
          --days D               simulated days, warm-up included                  (3)
          --warmup-days D        days left out of the figures                      (1)
          --seed N               random seed; the same seed gives the same output  (1)
          --help                 this text

        Exit codes: 0 done, 2 bad arguments.
        """;

    private static readonly Dictionary<string, Func<SimulatorOptions, string, SimulatorOptions>> Setters = new()
    {
        ["--users"] = (o, v) => o with { Users = Integer("--users", v, 0, 100_000_000) },
        ["--hours-per-user"] = (o, v) => o with { HoursPerUser = Number("--hours-per-user", v, 0.001, 24) },
        ["--request-minutes"] = (o, v) => o with { RequestMinutes = Number("--request-minutes", v, 0.01, 10_000) },
        ["--request-sigma"] = (o, v) => o with { RequestSizeSigma = Number("--request-sigma", v, 0, 3) },
        ["--chunk-seconds"] = (o, v) => o with { ChunkSeconds = Number("--chunk-seconds", v, 0.1, 3600) },
        ["--trough-hour"] = (o, v) => o with { Curve = o.Curve with { TroughHour = Number("--trough-hour", v, 0, 23.99) } },
        ["--peak-hour"] = (o, v) => o with { Curve = o.Curve with { PeakHour = Number("--peak-hour", v, 0, 23.99) } },
        ["--peak-to-trough"] = (o, v) => o with { Curve = o.Curve with { PeakToTrough = Number("--peak-to-trough", v, 1, 1000) } },
        ["--dispatch"] = (o, v) => o with { Dispatch = Dispatch(v) },
        ["--boot"] = (o, v) => o with { Boot = Boot(v) },
        ["--rtf"] = (o, v) => o with { RealTimeFactor = Number("--rtf", v, 1e-5, 100) },
        ["--concurrency"] = (o, v) => o with { Concurrency = Integer("--concurrency", v, 1, 256) },
        ["--price"] = (o, v) => o with { PricePerHourUsd = (decimal)Number("--price", v, 0, 1000) },
        ["--tick"] = (o, v) => o with { TickSeconds = Number("--tick", v, 0.1, 3600) },
        ["--target-wait"] = (o, v) => o with { TargetWaitSeconds = Number("--target-wait", v, 0.1, 3600) },
        ["--idle"] = (o, v) => o with { IdleWindowSeconds = Number("--idle", v, 0, 86_400) },
        ["--min-workers"] = (o, v) => o with { Bounds = o.Bounds with { Min = Integer("--min-workers", v, 0, 10_000) } },
        ["--max-workers"] = (o, v) => o with { Bounds = o.Bounds with { Max = Integer("--max-workers", v, 0, 10_000) } },
        ["--budget"] = (o, v) => o with { BudgetUsdPerHour = (decimal)Number("--budget", v, 0, 1_000_000) },
        ["--days"] = (o, v) => o with { Days = Number("--days", v, 0.01, 366) },
        ["--warmup-days"] = (o, v) => o with { WarmUpDays = Number("--warmup-days", v, 0, 365) },
        ["--seed"] = (o, v) => o with { Seed = Integer("--seed", v, int.MinValue, int.MaxValue) },
    };

    public static bool WantsHelp(IReadOnlyList<string> args) => args.Any(a => a is "--help" or "-h" or "-?");

    /// <exception cref="UsageException">An unknown option, a missing or malformed value, or options that contradict each other.</exception>
    public static SimulatorOptions Parse(IReadOnlyList<string> args)
    {
        var options = new SimulatorOptions();
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!Setters.TryGetValue(args[i], out var set))
            {
                throw new UsageException($"unknown option '{args[i]}'");
            }

            if (i + 1 >= args.Count)
            {
                throw new UsageException($"{args[i]} needs a value");
            }

            options = set(options, args[i + 1]);
        }

        return Validated(options);
    }

    private static SimulatorOptions Validated(SimulatorOptions options)
    {
        if (options.WarmUpDays >= options.Days)
        {
            throw new UsageException($"--warmup-days ({options.WarmUpDays}) must be less than --days ({options.Days})");
        }

        if (!options.Bounds.IsValid)
        {
            throw new UsageException($"--min-workers and --max-workers make invalid bounds {options.Bounds}");
        }

        if (!options.Curve.IsValid)
        {
            throw new UsageException("--peak-hour and --trough-hour must differ");
        }

        return options;
    }

    private static double Number(string name, string text, double min, double max) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException(FormattableString.Invariant($"{name} wants a number from {min} to {max}, not '{text}'"));

    private static int Integer(string name, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException(FormattableString.Invariant($"{name} wants a whole number from {min} to {max}, not '{text}'"));

    private static BootTimeRange Boot(string text) =>
        BootTimeRange.TryParse(text, out var range) && range.MaxSeconds <= 86_400
            ? range
            : throw new UsageException($"--boot wants seconds, '90' or a range '60-170', not '{text}'");

    private static DispatchOrder Dispatch(string text) => text switch
    {
        "fifo" => DispatchOrder.Fifo,
        "fresh-first" => DispatchOrder.FreshFirst,
        _ => throw new UsageException($"--dispatch wants 'fifo' or 'fresh-first', not '{text}'"),
    };
}
