using AutoScale.Fleet.Hosting;
using AutoScale.Fleet.Scaling;
using AutoScale.Fleet.Scaling.Steps;
using Microsoft.Extensions.Time.Testing;

namespace AutoScale.Fleet.Tests.Scaling;

/// <summary>
/// One pool of a fleet the test controls, driven through the scaling core tick by tick on a fake clock: the test says
/// what the membership and the queue show, and every step the core returns is carried out as the scaler grain carries it
/// out, by a provider that starts workers until its <see cref="Capacity"/> runs out and always terminates.
/// </summary>
internal sealed class FakeFleet
{
    public const string Pool = "gpu";
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, WorkerSilo> _silos = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PullingWorker> _pulling = new(StringComparer.Ordinal);
    private int _provisioned;

    public FakeFleet(string? provider = "fake", decimal? budgetUsdPerHour = null)
    {
        Options = new FleetOptions
        {
            BootDeadlineSeconds = 120,
            DrainDeadlineSeconds = 60,
            BudgetUsdPerHour = budgetUsdPerHour,
            Pools = { [Pool] = new FleetPoolOptions { SecondsPerCharacter = 0.01, WorkerThroughput = 1, BootSeconds = 60, IdleSeconds = 10 } },
        };
        Scaler = new FleetScaler(new ScalingPolicy(new ScalingPolicyOptions { TargetWaitSeconds = 60 }), Options, provider);
    }

    public FleetOptions Options { get; }

    public FakeTimeProvider Clock { get; } = new(Start);

    public FleetScaler Scaler { get; }

    public PoolSettings Settings { get; set; } = new() { Bounds = new PoolBounds(0, 4), IdleWindow = TimeSpan.FromSeconds(10), CostPerHourUsd = 0.5m };

    /// <summary>Chunks waiting, and their characters (at 0.01 s a character: 100 characters are one engine second).</summary>
    public (int Chunks, long Characters) Queued { get; set; }

    /// <summary>How many more workers the provider starts before it refuses for lack of capacity.</summary>
    public int Capacity { get; set; } = int.MaxValue;

    /// <summary>Every step carried out, in order.</summary>
    public List<ScalingStep> Done { get; } = [];

    public IEnumerable<RecordEvent> Events => Done.OfType<RecordEvent>();

    public List<FleetWorkerRecord> Live => Scaler.Workers.LiveIn(Pool);

    public FleetWorkerRecord Worker(string id) => Scaler.Workers.Find(id)!;

    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>Moves the clock on and runs one tick: the workers advance, then the pool is planned; returns the pool's plan.</summary>
    public PoolPlan Tick(double seconds = 1)
    {
        Clock.Advance(TimeSpan.FromSeconds(seconds));
        var membership = new MembershipReading([.. _silos.Values], _silos.Keys.ToHashSet(StringComparer.Ordinal));
        var queue = new QueueReading { Queued = Queued.Chunks, QueuedCharacters = Queued.Characters, Workers = [.. _pulling.Values] };
        CarryOut(Scaler.Advance(membership, new Dictionary<string, QueueReading> { [Pool] = queue }, Now));
        var plan = Scaler.Plan(new PoolReading(Pool, Now, Settings, queue, membership));
        CarryOut(plan.Steps);
        return plan;
    }

    /// <summary>Ticks until <paramref name="condition"/> holds (at most <paramref name="seconds"/>); false if it never did.</summary>
    public bool TickUntil(Func<PoolPlan, bool> condition, int seconds = 300)
    {
        for (var i = 0; i < seconds; i++)
        {
            if (condition(Tick()))
            {
                return true;
            }
        }

        return false;
    }

    public IReadOnlyList<ScalingStep> Reconcile(params ProvisionedWorkerRow[] listed)
    {
        var steps = Scaler.Reconcile([.. listed.Select(l => l.ToWorker(Now))], Now);
        CarryOut(steps);
        return steps;
    }

    /// <summary>A worker of this fleet, recorded as just asked for (booting).</summary>
    public FleetWorkerRecord Asked(string id, string image = "", TimeSpan? ago = null)
    {
        var record = FleetWorkerRecord.Booting(id, Pool, "fake", image, 0.5m, Now - (ago ?? TimeSpan.Zero));
        record.ProviderId = $"p-{id}";
        Scaler.Workers.Add(record);
        return record;
    }

    /// <summary>Workers of <paramref name="image"/> that are ready (recorded, their silos Active and polling, holding nothing), readied by one tick.</summary>
    public List<FleetWorkerRecord> ReadyWorkers(int count, string image = "")
    {
        var workers = Enumerable.Range(Live.Count + 1, count).Select(i => Asked($"w{i}", image)).ToList();
        workers.ForEach(w => Boot(w));
        Tick();
        return workers;
    }

    /// <summary>The worker's silo appears in the membership (Active or still joining) and, when <paramref name="polling"/>, polls its queue.</summary>
    public void Boot(FleetWorkerRecord worker, bool active = true, bool polling = true)
    {
        _silos[SiloOf(worker)] = new WorkerSilo(SiloOf(worker), active, Pool, worker.Id);
        if (polling)
        {
            _pulling[SiloOf(worker)] = new PullingWorker(SiloOf(worker), 0, Now, false);
        }
    }

    /// <summary>A worker started by hand: Active, polling, with no fleet id.</summary>
    public void StartByHand(string address, int leased = 0)
    {
        _silos[address] = new WorkerSilo(address, true, Pool, null);
        _pulling[address] = new PullingWorker(address, leased, Now, false);
    }

    /// <summary>The worker holds <paramref name="chunks"/> chunks (0: idle), busy since <paramref name="busyAt"/> (default now).</summary>
    public void Lease(FleetWorkerRecord worker, int chunks, DateTimeOffset? busyAt = null) =>
        _pulling[SiloOf(worker)] = new PullingWorker(SiloOf(worker), chunks, busyAt ?? Now, _pulling[SiloOf(worker)].Draining);

    /// <summary>The worker's silo leaves the membership (a drained worker stopping, or a crash).</summary>
    public void Leave(FleetWorkerRecord worker)
    {
        _silos.Remove(SiloOf(worker));
        _pulling.Remove(SiloOf(worker));
    }

    public static string SiloOf(FleetWorkerRecord worker) => $"silo-{worker.Id}";

    private void CarryOut(IEnumerable<ScalingStep> steps)
    {
        var refused = false;
        foreach (var step in steps)
        {
            switch (step)
            {
                case ProvisionWorkers provision when !refused:
                    refused = !Provision(provision);
                    break;
                case ProvisionWorkers:
                    continue; // skipped after a refusal, as the grain does
                case TerminateWorker terminate:
                    Done.Add(terminate.Recorded(Scaler.Workers));
                    terminate.Apply(Now);
                    break;
                case AdoptWorker adopt:
                    Scaler.Workers.Add(adopt.Worker);
                    break;
                case DrainWorker drain:
                    drain.Apply(Now);
                    _pulling[drain.Worker.Silo!] = _pulling[drain.Worker.Silo!] with { Draining = true };
                    break;
                case WorkerStep move:
                    move.Apply(Now);
                    break;
                case ClearUnservable:
                    Settings = Settings with { Unservable = null };
                    break;
                default:
                    break;
            }

            Done.Add(step);
        }
    }

    private bool Provision(ProvisionWorkers provision)
    {
        if (provision.Announcement is { } announcement)
        {
            Done.Add(announcement);
        }

        for (var started = 0; started < provision.Count; started++)
        {
            var record = FleetWorkerRecord.Booting($"new{++_provisioned}", provision.Pool, "fake", provision.Image, provision.CostPerHourUsd, Now);
            Scaler.Workers.Add(record);
            if (Capacity-- <= 0)
            {
                record.End(Now, "not started: no capacity");
                Scaler.Pool(provision.Pool).ProvisioningRefused(Now);
                Done.Add(provision.Refused(started, "no capacity"));
                return false;
            }

            record.ProviderId = $"p-{record.Id}";
        }

        return true;
    }
}
