using AutoScale.Fleet.Hosting;
using AutoScale.Fleet.Scaling.Steps;

namespace AutoScale.Fleet.Scaling;

/// <summary>
/// Observe → snapshot → decide for one pool, and the steps that carry the decision out; no clock, no I/O. Each tick,
/// after its workers have advanced (<see cref="Advance"/>), <see cref="Plan"/> applies these rules in order:
/// <list type="number">
/// <item>Observe: the queue's counters refine <see cref="Observed"/> (seconds per character, a worker's throughput,
/// arrivals over the idle window).</item>
/// <item>Snapshot: ready workers are ready records plus workers polling the queue that no record knows (started by hand)
/// and that are Active; busy ones hold a chunk, idle ones hold none. A worker costs what the live ones say on average,
/// else the configured price; the budget left is the fleet's budget less the other pools' live workers.</item>
/// <item>Decide: <see cref="ScalingPolicy"/>, its need assessed once and recorded in the idle window's history.</item>
/// <item>The <see cref="UnservableGate"/>.</item>
/// <item>Without a provider, stop: the scaler observes and reports only.</item>
/// <item>The <see cref="ImageRoll"/>.</item>
/// <item>Grow: start the missing workers at once, unless provisioning is paused (for <see cref="CapacityBackoff"/> after
/// a refusal: the provider has no capacity now, and asking every tick would only hammer it).</item>
/// <item>Shrink, unless a roll is under way: one worker at a time (none while one is still draining), several at once
/// only when the bounds or the budget force it; leavers in <see cref="DrainOrder"/>: a starting one is terminated, a
/// ready one drained (and no longer counted as spare capacity).</item>
/// <item>Hold: when the decision holds below the need (bounds, budget, the gate), a <c>hold</c> event at most every
/// <see cref="HoldEventInterval"/>.</item>
/// </list>
/// Not thread-safe: its <see cref="FleetScaler"/> owns it.
/// </summary>
public sealed class PoolScaler(string pool, FleetPoolOptions configured, ScalingPolicy policy, WorkerLifecycle lifecycle)
{
    public static readonly TimeSpan CapacityBackoff = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan HoldEventInterval = TimeSpan.FromSeconds(60);

    private readonly ImageRoll _roll = new();
    private DateTimeOffset _provisionPausedUntil;
    private DateTimeOffset _lastHoldEvent;

    public string Pool => pool;

    /// <summary>What the scaler has learned about the pool so far.</summary>
    public PoolObservations Observed { get; } = new(configured);

    /// <summary>The last tick's decision, as the gate let it through; null before the first.</summary>
    public ScalingDecision? LastDecision { get; private set; }

    /// <summary>The provider refused a worker: no new worker is asked for until <see cref="CapacityBackoff"/> has passed.</summary>
    public void ProvisioningRefused(DateTimeOffset now) => _provisionPausedUntil = now + CapacityBackoff;

    /// <summary>An operator set a new image: a roll to an image no longer wanted starts over for the new one.</summary>
    public void ImageChanged() => _roll.StartOver();

    /// <summary>One worker of the pool along its <see cref="WorkerLifecycle"/>; a worker found ready has its boot time observed.</summary>
    internal IReadOnlyList<ScalingStep> Advance(FleetWorkerRecord worker, MembershipReading membership, QueueReading queue, DateTimeOffset now)
    {
        var steps = lifecycle.Advance(worker, membership, queue, now).ToList();
        foreach (var ready in steps.OfType<MarkReady>())
        {
            Observed.ObserveBoot(ready.BootTime);
        }

        return steps;
    }

    /// <param name="reading">What was read for the pool this tick.</param>
    /// <param name="live">The pool's live workers, after <see cref="Advance"/>.</param>
    /// <param name="budgetLeftUsdPerHour">What the budget leaves for this pool's workers; null without a budget.</param>
    /// <param name="canProvision">Whether a provider is there to act; without one the scaler observes and reports only.</param>
    internal PoolPlan Plan(PoolReading reading, IReadOnlyList<FleetWorkerRecord> live, decimal? budgetLeftUsdPerHour, bool canProvision)
    {
        var (now, settings) = (reading.Now, reading.Settings);
        var pulling = reading.Queue.Workers.ToDictionary(w => w.WorkerId);
        var (snapshot, idle) = Observe(reading, live, pulling, budgetLeftUsdPerHour);
        var need = policy.Assess(snapshot);
        Observed.Spare.Record(now, idle, snapshot.Ready, need.Workers, settings.IdleWindow);
        snapshot = snapshot with
        {
            SpareThroughoutWindow = Observed.Spare.SpareThroughout(now, settings.IdleWindow),
            PeakNeedOverWindow = Observed.Spare.PeakNeed(),
        };

        var steps = new List<ScalingStep>();
        var (decision, unservable) = UnservableGate.Heed(policy.Decide(snapshot, need), settings, snapshot.Ready, steps);
        LastDecision = decision;
        if (!canProvision)
        {
            return new PoolPlan(decision, snapshot, steps);
        }

        var paused = now < _provisionPausedUntil;
        var rolling = _roll.Plan(reading, live, pulling, snapshot.Ready, !unservable && !paused, snapshot.WorkerCostPerHourUsd, snapshot, steps);
        switch (decision.Action)
        {
            case ScalingAction.ScaleUp:
                if (!paused)
                {
                    steps.Add(new ProvisionWorkers(pool, decision.Desired - decision.Current, decision.Current, settings.Image,
                        snapshot.WorkerCostPerHourUsd, snapshot, new RecordEvent(pool, "scale-up", decision.Current, decision.Desired, decision.Reason, snapshot)));
                }

                break;
            case ScalingAction.ScaleDown when !rolling:
                ScaleDown(decision, snapshot, live, pulling, steps);
                break;
            default:
                if (decision.Desired < need.Workers && now - _lastHoldEvent >= HoldEventInterval)
                {
                    _lastHoldEvent = now;
                    steps.Add(new RecordEvent(pool, "hold", decision.Current, decision.Desired, decision.Reason, snapshot));
                }

                break;
        }

        return new PoolPlan(decision, snapshot, steps);
    }

    private (PoolSnapshot Snapshot, int Idle) Observe(
        PoolReading reading, IReadOnlyList<FleetWorkerRecord> live, Dictionary<string, PullingWorker> pulling, decimal? budgetLeftUsdPerHour)
    {
        var (now, settings, queue) = (reading.Now, reading.Settings, reading.Queue);
        var recorded = live.Where(w => w.Silo is not null).Select(w => w.Silo!).ToHashSet();
        var active = reading.Membership.WorkerSilos.Where(s => s.Active).Select(s => s.Address).ToHashSet();
        var ready = live.Where(w => w.Stage == WorkerStage.Ready).Select(w => pulling.GetValueOrDefault(w.Silo!)).ToList();
        var unrecorded = queue.Workers.Where(w => !w.Draining && !recorded.Contains(w.WorkerId) && active.Contains(w.WorkerId)).ToList();
        Observed.ObserveQueue(queue, ready.Count + unrecorded.Count, now, settings.IdleWindow);
        var snapshot = new PoolSnapshot
        {
            Pool = pool,
            Bounds = settings.Bounds,
            QueuedChunks = queue.Queued,
            QueuedSeconds = queue.QueuedCharacters * Observed.SecondsPerCharacter,
            LeasedSeconds = queue.LeasedCharacters * Observed.SecondsPerCharacter,
            Starting = live.Count(w => w.IsStarting),
            Ready = ready.Count + unrecorded.Count,
            Busy = ready.Count(w => w?.Leased > 0) + unrecorded.Count(w => w.Leased > 0),
            SpareThroughoutWindow = 0,
            ArrivingSecondsPerSecond = Observed.ArrivingSecondsPerSecond(now, settings.IdleWindow),
            IdleWindow = settings.IdleWindow,
            Draining = live.Count(w => w.Stage == WorkerStage.Draining),
            WorkerThroughput = Observed.WorkerThroughput,
            BootTime = Observed.BootTime,
            WorkerCostPerHourUsd = live.Where(w => w.CostPerHourUsd > 0).Select(w => w.CostPerHourUsd).DefaultIfEmpty(settings.CostPerHourUsd).Average(),
            AwaitingVoices = settings.AwaitingVoices,
            BudgetForPoolUsdPerHour = budgetLeftUsdPerHour,
        };
        return (snapshot, ready.Count(w => w is { Leased: 0 }) + unrecorded.Count(w => w.Leased == 0));
    }

    private void ScaleDown(
        ScalingDecision decision, PoolSnapshot snapshot, IReadOnlyList<FleetWorkerRecord> live, Dictionary<string, PullingWorker> pulling, List<ScalingStep> steps)
    {
        var forced = decision.Current > snapshot.Bounds.Max || decision.Desired < decision.Current - 1;
        if (!forced && snapshot.Draining > 0)
        {
            return; // one worker at a time
        }

        var leaving = DrainOrder.Rank(live, pulling).Take(decision.Current - decision.Desired).ToList();
        if (leaving.Count == 0)
        {
            return; // only workers started by hand are ready: they are not ours to stop
        }

        steps.Add(new RecordEvent(pool, "scale-down", decision.Current, decision.Current - leaving.Count, decision.Reason, snapshot));
        foreach (var worker in leaving)
        {
            if (worker.IsStarting || worker.Silo is null)
            {
                steps.Add(new TerminateWorker(worker, "not needed any more before it was ready"));
                continue;
            }

            Observed.Spare.Spend();
            steps.Add(new DrainWorker(worker, decision.Reason));
        }
    }
}
