using System.Globalization;
using AutoScale.FleetSimulator.Simulation;

namespace AutoScale.FleetSimulator.Reporting;

/// <summary>Prints the parameters of a run and the comparison table, plain text.</summary>
public static class ReportWriter
{
    private const string Row = "{0,-36} {1,8} {2,8} {3,8} {4,10} {5,7} {6,6} {7,10} {8,11}";

    public static void Write(TextWriter output, SimulatorOptions options, IReadOnlyList<FleetRow> rows)
    {
        WriteParameters(output, options);
        output.WriteLine();
        output.WriteLine("{0,-36} {1,-26} {2,10} {3,-14} {4,10} {5,11}", "", "   wait to first audio, s", "all audio", "   workers", "worker-h", "$/month");
        output.WriteLine(Row, "fleet", "p50", "p95", "p99", "p95 ×len", "mean", "peak", "per day", "(30 days)");
        foreach (var row in rows)
        {
            var r = row.Result;
            output.WriteLine(Row, row.Fleet + (r.Unserved > 0 ? " *" : ""), Wait(r.P50WaitSeconds), Wait(r.P95WaitSeconds), Wait(r.P99WaitSeconds),
                double.IsNaN(r.P95DoneOverLength) ? "-" : Invariant($"{r.P95DoneOverLength:0.##}"), Invariant($"{r.MeanWorkers:0.0}"), r.PeakWorkers, Invariant($"{r.WorkerHoursPerDay:0.0}"), Invariant($"{r.CostPerMonthUsd:#,0}"));
        }

        output.WriteLine(Row, "the seed's estimate (not simulated)", "-", "-", "-", "-", Invariant($"~{FleetComparison.SeedWorkers}"), "-",
            Invariant($"~{FleetComparison.SeedWorkers * 24}"), Invariant($"{FleetComparison.SeedCostPerMonthUsd:#,0}"));
        output.WriteLine("all audio p95 ×len: time to a request's last chunk over its audio length; under 1, a listener who starts at once never waits again");
        output.WriteLine();
        WriteNotes(output, options, rows);
    }

    private static void WriteParameters(TextWriter output, SimulatorOptions o)
    {
        output.WriteLine(Invariant($"Fleet simulation: the scaler's core (FleetScaler) on a virtual clock, {o.Days:0.##} days simulated, the first {o.WarmUpDays:0.##} left out as warm-up; seed {o.Seed}"));
        output.WriteLine(Invariant($"  load     {o.Users:#,0} users x {o.HoursPerUser:0.##} h of audio a day = {o.Users * o.HoursPerUser:#,0} h/day, in ~{o.RequestsPerDay:#,0} requests/day"));
        output.WriteLine(Invariant($"           request length lognormal, mean {o.RequestMinutes:0.#} min, sigma {o.RequestSizeSigma:0.##}; chunks of ~{o.ChunkSeconds:0.#} s of audio; dispatch {Dispatch(o.Dispatch)}"));
        output.WriteLine(Invariant($"           Poisson arrivals, rate on a {o.Curve}"));
        output.WriteLine(Invariant($"           offered load: {o.MeanLoadWorkers:0.0} busy workers on average, {o.PeakLoadWorkers:0.0} at the peak"));
        output.WriteLine(Invariant($"  workers  RTF {o.RealTimeFactor:0.####}: {1 / o.RealTimeFactor:0.#} s of audio per second per worker whatever the batch size (batches of up to {o.Concurrency} chunks end together)"));
        var priceSource = o.PricePerHourUsd == new SimulatorOptions().PricePerHourUsd
            ? " (RunPod community RTX 4090, ~0.31-0.44 in runpod-api.md section 5)"
            : "";
        output.WriteLine(Invariant($"           boot {o.Boot}; ${o.PricePerHourUsd:0.00}/h each{priceSource}, billed from request to termination"));
        output.WriteLine(Invariant($"  scaler   tick {o.TickSeconds:0.##} s, target wait {o.TargetWaitSeconds:0.##} s, idle window {o.IdleWindowSeconds:0.##} s, bounds {o.Bounds}, ") +
            (o.BudgetUsdPerHour is { } budget ? Invariant($"budget ${budget:0.##}/h") : "no budget"));
    }

    private static void WriteNotes(TextWriter output, SimulatorOptions options, IReadOnlyList<FleetRow> rows)
    {
        var policy = rows[0].Result;
        output.WriteLine(Invariant($"autoscaled: {policy.ScaleUpsPerDay:0.#} scale-ups and {policy.ScaleDownsPerDay:0.#} scale-downs a day; {policy.BootsPerDay:0.#} boots a day, ") +
            Invariant($"{policy.BootsIntoEmptyQueuePerDay:0.#} of them ready to an empty queue, {policy.UnusedBootsPerDay:0.#} ended without synthesising a chunk"));
        output.WriteLine("autoscaled by hour of day (mean over the measured days): billed workers, and the offered load in busy workers");
        output.WriteLine("  hour    " + string.Concat(Enumerable.Range(0, 24).Select(h => Invariant($"{h,4}"))));
        output.WriteLine("  workers " + string.Concat(policy.MeanWorkersByHour.Select(w => Invariant($"{w,4:0}"))));
        output.WriteLine("  load    " + string.Concat(policy.OfferedLoadByHour.Select(w => Invariant($"{w,4:0}"))));
        if (rows.Any(r => r.Result.Unserved > 0))
        {
            output.WriteLine("* some requests had no audio when the simulation ended; their waits count the time waited so far (lower bounds):");
            foreach (var row in rows.Where(r => r.Result.Unserved > 0))
            {
                output.WriteLine(Invariant($"  {row.Fleet}: {row.Result.Unserved:#,0} of {row.Result.Requests:#,0}"));
            }
        }

        var impliedPrice = FleetComparison.SeedCostPerMonthUsd / (FleetComparison.SeedWorkers * 24 * 30);
        output.WriteLine(Invariant($"The seed's $1,615/month for ~{FleetComparison.SeedWorkers} workers implies ${impliedPrice:0.00}/h a worker; at ${options.PricePerHourUsd:0.00}/h ") +
            Invariant($"{FleetComparison.SeedWorkers} always-on workers cost ${FleetComparison.SeedWorkers * 24 * 30 * options.PricePerHourUsd:#,0}/month."));
    }

    private static string Wait(double seconds) => seconds switch
    {
        double.NaN => "-",
        < 100 => Invariant($"{seconds:0.0}"),
        < 3600 => Invariant($"{seconds:0}"),
        _ => Invariant($"{seconds / 3600:0.0}h"),
    };

    private static string Dispatch(DispatchOrder order) => order == DispatchOrder.Fifo ? "FIFO" : "fresh-first (first chunks of new requests go first)";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
