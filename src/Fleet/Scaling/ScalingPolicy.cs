using System.Globalization;

namespace AutoScale.Fleet.Scaling;

/// <summary>
/// Decides how many workers a pool should have, from a <see cref="PoolSnapshot"/> alone (no clock, no I/O), so the
/// scaler grain, the fleet simulator and the tests run the same rules:
/// <list type="bullet">
/// <item>Grow at once to what drains the backlog within the target wait. New workers only help after the boot time,
/// so the ready workers' progress meanwhile is counted, and growing is skipped when they finish before a new worker
/// could boot. Workers already starting count, so a booting fleet is never asked for twice.</item>
/// <item>Never below the steady-state need: work arriving per second over what one worker gets through.</item>
/// <item>Shrink by one worker at a time, only when the pool left at least a worker's worth of capacity unused over the
/// idle window and nothing in that window needed every worker; never below the busy workers.</item>
/// <item>A pool whose voices no worker has reported yet gets one worker, so the catalogue learns them.</item>
/// <item>Always within the pool's bounds and within what the budget leaves for the pool.</item>
/// </list>
/// </summary>
public sealed class ScalingPolicy(ScalingPolicyOptions options)
{
    private double TargetWait => options.TargetWaitSeconds;

    public ScalingDecision Decide(PoolSnapshot pool) => Decide(pool, Assess(pool));

    /// <summary>
    /// Decides with the need already assessed for this pool: <see cref="Assess"/> does not read the idle-window fields
    /// (<see cref="PoolSnapshot.SpareThroughoutWindow"/>, <see cref="PoolSnapshot.PeakNeedOverWindow"/>), so the need of the
    /// snapshot before they were filled in serves, and a tick assesses once.
    /// </summary>
    public ScalingDecision Decide(PoolSnapshot pool, ScalingNeed need)
    {
        var current = pool.Current;
        var ceiling = Ceiling(pool, out var ceilingReason);

        if (current > ceiling)
        {
            return Decision(pool, Math.Max(ceiling, 0), $"over {ceilingReason}");
        }

        if (current < pool.Bounds.Min)
        {
            return Decision(pool, Math.Min(Math.Max(pool.Bounds.Min, need.Workers), ceiling), $"below the minimum of {pool.Bounds.Min}");
        }

        if (need.Workers > current)
        {
            return current == ceiling
                ? Decision(pool, current, $"{need.Reason}: {need.Workers} wanted, held at {ceilingReason}")
                : Decision(pool, Math.Min(need.Workers, ceiling),
                    need.Workers > ceiling ? $"{need.Reason}: {need.Workers} wanted, capped at {ceilingReason}" : need.Reason);
        }

        if (need.Workers < current && pool.SpareThroughoutWindow > 0 && current > pool.Bounds.Min && current - 1 >= pool.Busy
            && !(pool.PeakNeedOverWindow >= current))
        {
            return Decision(pool, current - 1,
                $"{pool.SpareThroughoutWindow} of {pool.Ready} workers' capacity went unused over the idle window; {need.Workers} needed");
        }

        return Decision(pool, current, need.Reason);
    }

    /// <summary>How many workers the pool needs now, and why.</summary>
    public int Needed(PoolSnapshot pool) => Assess(pool).Workers;

    /// <summary>How many workers the pool needs now, and why, before bounds, budget and the idle window have their say.</summary>
    public ScalingNeed Assess(PoolSnapshot pool)
    {
        var throughput = Math.Max(pool.WorkerThroughput, 1e-6);
        var backlog = pool.BacklogSeconds;
        var boot = pool.BootTime.TotalSeconds;
        // Arrivals keep workers that are there; they never start one on their own (queued work does that), so a few
        // seconds of work in the window do not bring a worker back right after it was let go.
        var steady = pool.Current > 0 ? WholeWorkers(pool.ArrivingSecondsPerSecond / throughput) : 0;
        var (workers, reason) = BacklogNeed();
        if (steady > workers)
        {
            (workers, reason) = (steady, $"work arrives at {Seconds(pool.ArrivingSecondsPerSecond)} per second, {steady} workers' worth");
        }

        if (pool.QueuedChunks > 0 && workers == 0)
        {
            (workers, reason) = (1, $"{pool.QueuedChunks} chunks wait");
        }

        if (pool.AwaitingVoices && workers == 0)
        {
            (workers, reason) = (1, "no worker has reported the pool's voices yet: one starts so the catalogue can list them");
        }

        return new ScalingNeed(workers, reason);

        (int Workers, string Reason) BacklogNeed()
        {
            if (backlog <= 0)
            {
                return (0, "nothing to do");
            }

            var immediate = WholeWorkers(backlog / (throughput * TargetWait));
            if (immediate <= pool.Ready)
            {
                return (immediate, $"{Seconds(backlog)} of work: {immediate} workers drain it within the {Seconds(TargetWait)} target");
            }

            if (pool.Ready == 0)
            {
                return (immediate, $"{pool.QueuedChunks} chunks ({Seconds(backlog)} of work) wait and no worker is up");
            }

            // New workers arrive after the boot time; until then the ready ones keep working and new work keeps coming.
            var leftAfterBoot = backlog + (pool.ArrivingSecondsPerSecond * boot) - (pool.Ready * throughput * boot);
            if (leftAfterBoot <= 0)
            {
                return (pool.Ready,
                    $"{pool.Ready} ready workers finish {Seconds(backlog)} of work in {Seconds(backlog / (pool.Ready * throughput))}, " +
                    $"before a new one could boot ({Seconds(boot)})");
            }

            // Once new workers are up, they and the ready ones share what is left (and what keeps arriving).
            var total = Math.Max(pool.Ready, WholeWorkers((leftAfterBoot + (pool.ArrivingSecondsPerSecond * TargetWait)) / (throughput * TargetWait)));
            return (total,
                $"{Seconds(backlog)} of work would take {Seconds(backlog / (pool.Ready * throughput))} with {pool.Ready} ready workers, " +
                $"over the {Seconds(TargetWait)} target; {Seconds(leftAfterBoot)} will be left when new ones have booted");
        }
    }

    private static int WholeWorkers(double workers) => (int)Math.Min(100_000, Math.Ceiling(Math.Max(0, workers) - 1e-9));

    private static int Ceiling(PoolSnapshot pool, out string reason)
    {
        reason = $"the maximum of {pool.Bounds.Max}";
        var ceiling = pool.Bounds.Max;
        if (pool.BudgetForPoolUsdPerHour is { } budget && pool.WorkerCostPerHourUsd > 0)
        {
            var affordable = (int)Math.Floor(Math.Max(budget, 0) / pool.WorkerCostPerHourUsd);
            if (affordable < ceiling)
            {
                ceiling = affordable;
                reason = $"the budget (${budget.ToString("0.##", CultureInfo.InvariantCulture)}/h buys {affordable} at " +
                         $"${pool.WorkerCostPerHourUsd.ToString("0.##", CultureInfo.InvariantCulture)}/h)";
            }
        }

        return ceiling;
    }

    private static ScalingDecision Decision(PoolSnapshot pool, int desired, string reason) => new(pool.Pool, pool.Current, desired, reason);

    private static string Seconds(double seconds) => seconds switch
    {
        < 10 => $"{seconds.ToString("0.#", CultureInfo.InvariantCulture)} s",
        < 3600 => $"{Math.Round(seconds).ToString(CultureInfo.InvariantCulture)} s",
        _ => $"{(seconds / 3600).ToString("0.#", CultureInfo.InvariantCulture)} h",
    };
}
