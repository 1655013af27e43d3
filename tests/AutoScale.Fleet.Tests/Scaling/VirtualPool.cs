using AutoScale.Fleet.Scaling;
using Microsoft.Extensions.Time.Testing;

namespace AutoScale.Fleet.Tests.Scaling;

/// <summary>
/// A pool on a fake clock for policy tests: workers asked for become ready after the boot time, each ready worker
/// drains <see cref="Throughput"/> seconds of work per second, spare capacity and arrivals are tracked, and every tick
/// applies the policy's decision in the simplest way (start workers, or let an idle one go), so these tests see the
/// policy alone. <see cref="FakeFleet"/> drives the whole scaling core, as the scaler grain and the simulator do.
/// </summary>
internal sealed class VirtualPool(ScalingPolicy policy, FakeTimeProvider clock, string name = "gpu")
{
    private readonly List<DateTimeOffset> _starting = [];
    private readonly List<Worker> _ready = [];
    private readonly SpareCapacityWindow _spare = new();
    private readonly ArrivalRate _arrivals = new();
    private double _backlogAfterLastTick;
    private double _arrivedTotal;

    public PoolBounds Bounds { get; set; } = new(0, 50);

    public TimeSpan BootTime { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan IdleWindow { get; set; } = TimeSpan.FromSeconds(120);

    public double Throughput { get; set; } = 1;

    public decimal CostPerHour { get; set; } = 0.5m;

    public decimal? Budget { get; set; }

    public double Backlog { get; set; }

    public bool AwaitingVoices { get; set; }

    public int Provisioned { get; private set; }

    public int Ready => _ready.Count;

    public int Starting => _starting.Count;

    public int Busy => _ready.Count(w => w.Busy);

    public List<ScalingDecision> Decisions { get; } = [];

    public ScalingDecision Tick(TimeSpan step)
    {
        clock.Advance(step);
        var now = clock.GetUtcNow();
        _arrivedTotal += Math.Max(0, Backlog - _backlogAfterLastTick);
        _arrivals.Record(now, _arrivedTotal, IdleWindow);
        foreach (var started in _starting.Where(s => now - s >= BootTime).ToList())
        {
            _starting.Remove(started);
            _ready.Add(new Worker { IdleSince = now });
        }

        var work = Math.Min(Backlog, _ready.Count * Throughput * step.TotalSeconds);
        Backlog -= work;
        var busyCount = Backlog > 0 ? _ready.Count : (int)Math.Ceiling(work / Math.Max(Throughput * step.TotalSeconds, 1e-9));
        for (var i = 0; i < _ready.Count; i++)
        {
            _ready[i].Busy = i < busyCount;
            if (_ready[i].Busy)
            {
                _ready[i].IdleSince = now;
            }
        }

        _backlogAfterLastTick = Backlog;
        var snapshot = Snapshot(now);
        _spare.Record(now, _ready.Count(w => !w.Busy), _ready.Count, policy.Needed(snapshot), IdleWindow);
        snapshot = snapshot with { SpareThroughoutWindow = _spare.SpareThroughout(now, IdleWindow), PeakNeedOverWindow = _spare.PeakNeed() };

        var decision = policy.Decide(snapshot);
        Decisions.Add(decision);
        for (var i = decision.Current; i < decision.Desired; i++)
        {
            _starting.Add(now);
            Provisioned++;
        }

        for (var i = decision.Desired; i < decision.Current; i++)
        {
            var victim = _ready.Where(w => !w.Busy).OrderBy(w => w.IdleSince).FirstOrDefault() ?? _ready.FirstOrDefault();
            if (victim is not null)
            {
                _ready.Remove(victim);
                _spare.Spend();
            }
            else if (_starting.Count > 0)
            {
                _starting.RemoveAt(_starting.Count - 1);
            }
        }

        return decision;
    }

    public PoolSnapshot Snapshot(DateTimeOffset now) => new()
    {
        Pool = name,
        Bounds = Bounds,
        QueuedChunks = Backlog > 0 ? (int)Math.Ceiling(Backlog) : 0,
        QueuedSeconds = Backlog,
        LeasedSeconds = 0,
        Starting = _starting.Count,
        Ready = _ready.Count,
        Busy = _ready.Count(w => w.Busy),
        SpareThroughoutWindow = 0,
        ArrivingSecondsPerSecond = _arrivals.PerSecond(now, IdleWindow),
        IdleWindow = IdleWindow,
        WorkerThroughput = Throughput,
        BootTime = BootTime,
        WorkerCostPerHourUsd = CostPerHour,
        BudgetForPoolUsdPerHour = Budget,
        AwaitingVoices = AwaitingVoices,
    };

    private sealed class Worker
    {
        public DateTimeOffset IdleSince { get; set; }

        public bool Busy { get; set; }
    }
}
