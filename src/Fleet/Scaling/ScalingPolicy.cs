using System.Globalization;

namespace AutoScale.Fleet.Scaling;

/// <summary>
/// Decides how many workers a pool should have, from a <see cref="PoolSnapshot"/> alone (no clock, no I/O), so the
/// scaler grain, the fleet simulator and the tests run the same rules:
/// <list type="bullet">
/// <item>Grow at once, to as many workers as drain the backlog within the target wait. Workers already starting count,
/// so a booting fleet is never asked for twice. Hold instead when the ready workers finish the backlog before a new
/// worker could boot.</item>
/// <item>Shrink by one worker at a time, only when one has been idle for the pool's idle window and the backlog does
/// not need it; never below the busy workers.</item>
/// <item>Always within the pool's bounds and within what the budget leaves for the pool.</item>
/// </list>
/// </summary>
public sealed class ScalingPolicy(ScalingPolicyOptions options)
{
    private TimeSpan TargetWait => TimeSpan.FromSeconds(options.TargetWaitSeconds);

    public ScalingDecision Decide(PoolSnapshot pool)
    {
        var current = pool.Current;
        var needed = Needed(pool);
        var ceiling = Ceiling(pool, out var ceilingReason);

        if (current > ceiling)
        {
            return Decision(pool, Math.Max(ceiling, 0), $"over {ceilingReason}");
        }

        if (current < pool.Bounds.Min)
        {
            var desired = Math.Min(Math.Max(pool.Bounds.Min, needed), ceiling);
            return Decision(pool, desired, $"below the minimum of {pool.Bounds.Min}");
        }

        if (needed > current)
        {
            if (current == ceiling)
            {
                return Decision(pool, current, $"{Seconds(pool.BacklogSeconds)} of work wants {needed} workers; held at {ceilingReason}");
            }

            if (pool.Ready > 0 && ReadyDrainTime(pool) <= pool.BootTime)
            {
                return Decision(pool, current,
                    $"{pool.Ready} ready workers finish {Seconds(pool.BacklogSeconds)} of work in {Seconds(ReadyDrainTime(pool).TotalSeconds)}, " +
                    $"before a new one could boot ({Seconds(pool.BootTime.TotalSeconds)})");
            }

            var desired = Math.Min(needed, ceiling);
            var reason = current == 0
                ? $"{pool.QueuedChunks} chunks ({Seconds(pool.BacklogSeconds)} of work) wait and no worker is up"
                : $"{Seconds(pool.BacklogSeconds)} of work would take {Seconds(DrainTime(pool, current).TotalSeconds)} with {current} workers, " +
                  $"over the {Seconds(TargetWait.TotalSeconds)} target";
            return Decision(pool, desired, desired < needed ? $"{reason}; {needed} wanted, capped at {ceilingReason}" : reason);
        }

        if (needed < current && pool.IdleBeyondWindow > 0 && current > pool.Bounds.Min && current - 1 >= pool.Busy)
        {
            return Decision(pool, current - 1, $"{pool.IdleBeyondWindow} workers idle past the idle window; {needed} needed");
        }

        return Decision(pool, current, needed == current ? "matches the backlog" : $"{needed} needed; waiting for an idle worker to leave");
    }

    /// <summary>Workers that drain the backlog within the target wait; at least one while anything waits.</summary>
    public int Needed(PoolSnapshot pool)
    {
        var backlog = pool.BacklogSeconds;
        if (backlog <= 0)
        {
            return pool.QueuedChunks > 0 ? 1 : 0;
        }

        var perWorker = Math.Max(pool.WorkerThroughput, 1e-6) * TargetWait.TotalSeconds;
        var needed = (int)Math.Min(int.MaxValue, Math.Ceiling(backlog / perWorker - 1e-9));
        return Math.Max(needed, pool.QueuedChunks > 0 ? 1 : 0);
    }

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

    private static TimeSpan ReadyDrainTime(PoolSnapshot pool) => DrainTime(pool, pool.Ready);

    private static TimeSpan DrainTime(PoolSnapshot pool, int workers) => workers <= 0
        ? TimeSpan.MaxValue
        : TimeSpan.FromSeconds(Math.Min(1e9, pool.BacklogSeconds / (workers * Math.Max(pool.WorkerThroughput, 1e-6))));

    private static ScalingDecision Decision(PoolSnapshot pool, int desired, string reason) =>
        new(pool.Pool, pool.Current, desired, reason);

    private static string Seconds(double seconds) => seconds switch
    {
        < 10 => $"{seconds.ToString("0.#", CultureInfo.InvariantCulture)} s",
        < 3600 => $"{Math.Round(seconds).ToString(CultureInfo.InvariantCulture)} s",
        _ => $"{(seconds / 3600).ToString("0.#", CultureInfo.InvariantCulture)} h",
    };
}
