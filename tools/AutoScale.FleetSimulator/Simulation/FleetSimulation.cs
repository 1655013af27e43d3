using AutoScale.Fleet.Scaling;
using AutoScale.FleetSimulator.Workload;

namespace AutoScale.FleetSimulator.Simulation;

/// <summary>
/// One run, event by event on a <see cref="VirtualClock"/>: request arrivals, boots, batch ends and scaler ticks.
/// Each tick hands the real <see cref="ScalingPolicy"/> the snapshot the scaler grain would build and applies its
/// decision as the grain does: start workers up to Desired; to shrink, drain the longest-idle worker (else cancel the
/// newest boot, else drain a busy worker after its batch).
/// <para>
/// Throughput model: a worker leases up to <see cref="SimulatorOptions.Concurrency"/> chunks at once and synthesises
/// them as one batch that ends after (audio seconds × RTF) seconds, so it produces 1/RTF seconds of audio per second
/// whatever the batch size, and every chunk of the batch finishes at the batch's end. In engine seconds (audio × RTF)
/// a worker therefore gets through exactly 1 per second, which is the throughput the snapshot reports.
/// </para>
/// </summary>
public sealed class FleetSimulation
{
    private const double WorkerThroughput = 1;
    private static readonly DateTimeOffset Epoch = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly SimulatorOptions _options;
    private readonly FleetPlan _plan;
    private readonly ScalingPolicy _policy;
    private readonly VirtualClock _clock = new(Epoch);
    private readonly RequestArrivals _arrivals;
    private readonly Random _bootTimes;
    private readonly ChunkQueue _queue;
    private readonly PriorityQueue<SimulatedWorker, double> _events = new();
    private readonly List<SimulatedWorker> _workers = [];
    private readonly List<SimulatedWorker> _idle = []; // ready and idle, longest idle first
    private readonly List<double> _firstChunkArrivals = [];
    private readonly WaitRecorder _waits = new();
    private readonly WaitRecorder _paces = new();
    private readonly List<(double ArrivedAt, int Chunks)> _lastChunks = [];
    private readonly FleetMeter _meter;
    private readonly double[] _engineSecondsByHour = new double[24];
    private readonly double _warmUpEnd;
    private readonly double _end;
    private int _starting;
    private int _ready;
    private int _busy;
    private int _draining;
    private double _leasedSeconds;
    private double _observedBootSeconds;
    private int _observedBoots;
    private int _boots;
    private int _unusedBoots;
    private int _bootsIntoEmptyQueue;
    private int _scaleUps;
    private int _scaleDowns;
    private readonly SpareCapacityWindow _spare = new();
    private readonly ArrivalRate _arrivalRate = new();
    private double _arrivedTotal;

    private FleetSimulation(SimulatorOptions options, FleetPlan plan)
    {
        _options = options;
        _plan = plan;
        _policy = new ScalingPolicy(new ScalingPolicyOptions { TargetWaitSeconds = options.TargetWaitSeconds });
        _arrivals = new RequestArrivals(options);
        // Boot times draw from their own stream, so every fleet sees the very same requests.
        _bootTimes = new Random(unchecked((options.Seed * 7919) + 104_729));
        _queue = new ChunkQueue(options.Dispatch);
        _warmUpEnd = options.WarmUpDays * 86_400;
        _end = options.Days * 86_400;
        _meter = new FleetMeter(_warmUpEnd);
    }

    private double Now => _clock.Seconds;

    public static SimulationResult Run(SimulatorOptions options, FleetPlan plan) => new FleetSimulation(options, plan).Run();

    private SimulationResult Run()
    {
        for (var i = 0; i < (_plan.AlwaysOnWorkers ?? 0); i++)
        {
            var worker = new SimulatedWorker(0, 0) { State = WorkerState.Ready };
            _workers.Add(worker);
            _ready++;
            BecomeIdle(worker);
        }

        var arrival = _arrivals.Next();
        var nextTick = _plan.IsAutoscaled ? 0 : double.PositiveInfinity;
        while (true)
        {
            var eventAt = _events.TryPeek(out var worker, out var at) ? at : double.PositiveInfinity;
            var now = Math.Min(eventAt, Math.Min(arrival.At, nextTick));
            if (now >= _end)
            {
                break;
            }

            _clock.AdvanceTo(now);
            _meter.Advance(now);
            if (eventAt == now)
            {
                _events.Dequeue();
                OnWorkerEvent(worker!);
            }
            else if (arrival.At == now)
            {
                Arrive(arrival);
                arrival = _arrivals.Next();
            }
            else
            {
                Tick();
                nextTick += _options.TickSeconds;
            }

            _meter.Hold(_starting + _ready + _draining);
        }

        _clock.AdvanceTo(_end);
        _meter.Advance(_end);
        foreach (var arrivedAt in _queue.UnstartedArrivals().Where(a => a >= _warmUpEnd))
        {
            _waits.AddUnserved(_end - arrivedAt);
        }

        return Result();
    }

    private void Arrive(ArrivingRequest request)
    {
        var chunks = Math.Max(1, (int)Math.Ceiling(request.AudioSeconds / _options.ChunkSeconds - 1e-9));
        var engineSeconds = request.AudioSeconds * _options.RealTimeFactor;
        _queue.Enqueue(Now, chunks, engineSeconds / chunks);
        _arrivedTotal += engineSeconds;
        if (Now >= _warmUpEnd)
        {
            _engineSecondsByHour[(int)(Now / 3600 % 24)] += engineSeconds;
        }

        // Every long-polling worker is woken and takes what is left; the most recently idle goes first, which leaves
        // the others idle long enough to be drained (the order most favourable to scaling down).
        while (_idle.Count > 0 && _queue.Chunks > 0)
        {
            var worker = _idle[^1];
            _idle.RemoveAt(_idle.Count - 1);
            StartBatch(worker);
        }
    }

    private void OnWorkerEvent(SimulatedWorker worker)
    {
        switch (worker.State)
        {
            case WorkerState.Starting:
                worker.State = WorkerState.Ready;
                _starting--;
                _ready++;
                _observedBootSeconds += Now - worker.ProvisionedAt;
                _observedBoots++;
                _bootsIntoEmptyQueue += _queue.Chunks == 0 && worker.ProvisionedAt >= _warmUpEnd ? 1 : 0;
                TakeWorkOrIdle(worker);
                break;
            case WorkerState.Ready:
                EndBatch(worker);
                _busy--;
                TakeWorkOrIdle(worker);
                break;
            case WorkerState.Draining:
                EndBatch(worker);
                _draining--;
                Terminate(worker);
                break;
            default:
                break; // a boot cancelled by a scale-down
        }
    }

    private void TakeWorkOrIdle(SimulatedWorker worker)
    {
        if (_queue.Chunks > 0)
        {
            StartBatch(worker);
        }
        else
        {
            BecomeIdle(worker);
        }
    }

    private void BecomeIdle(SimulatedWorker worker)
    {
        worker.IdleSince = Now;
        _idle.Add(worker);
    }

    private void StartBatch(SimulatedWorker worker)
    {
        _firstChunkArrivals.Clear();
        _lastChunks.Clear();
        var engineSeconds = _queue.Take(_options.Concurrency, _firstChunkArrivals, _lastChunks);
        var endsAt = Now + engineSeconds / WorkerThroughput;
        foreach (var arrivedAt in _firstChunkArrivals)
        {
            if (arrivedAt >= _warmUpEnd)
            {
                _waits.Add(endsAt - arrivedAt);
            }
        }

        // How long the whole request took over how long it plays: above 1, a listener who started at once catches up.
        foreach (var (arrivedAt, chunks) in _lastChunks)
        {
            if (arrivedAt >= _warmUpEnd)
            {
                _paces.Add((endsAt - arrivedAt) / (chunks * _options.ChunkSeconds));
            }
        }

        worker.BatchEngineSeconds = engineSeconds;
        worker.Batches++;
        _busy++;
        _leasedSeconds += engineSeconds;
        _events.Enqueue(worker, endsAt);
    }

    private void EndBatch(SimulatedWorker worker)
    {
        _leasedSeconds -= worker.BatchEngineSeconds;
        worker.BatchEngineSeconds = 0;
    }

    private void Tick()
    {
        var snapshot = Snapshot();
        var window = TimeSpan.FromSeconds(_options.IdleWindowSeconds);
        _spare.Record(_clock.GetUtcNow(), _idle.Count, _ready, _policy.Needed(snapshot), window);
        snapshot = snapshot with { SpareThroughoutWindow = _spare.SpareThroughout(_clock.GetUtcNow(), window), PeakNeedOverWindow = _spare.PeakNeed() };

        var decision = _policy.Decide(snapshot);
        if (Now >= _warmUpEnd)
        {
            _scaleUps += decision.Action == ScalingAction.ScaleUp ? 1 : 0;
            _scaleDowns += decision.Action == ScalingAction.ScaleDown ? 1 : 0;
        }

        for (var i = decision.Current; i < decision.Desired; i++)
        {
            Provision();
        }

        for (var i = decision.Desired; i < decision.Current; i++)
        {
            RemoveOne();
        }
    }

    private PoolSnapshot Snapshot()
    {
        // The same signals the scaler grain derives: spare capacity and arrivals over the idle window.
        var window = TimeSpan.FromSeconds(_options.IdleWindowSeconds);
        _arrivalRate.Record(_clock.GetUtcNow(), _arrivedTotal, window);

        return new PoolSnapshot
        {
            Pool = "gpu",
            Bounds = _options.Bounds,
            QueuedChunks = _queue.Chunks,
            QueuedSeconds = _queue.EngineSeconds,
            LeasedSeconds = _busy + _draining == 0 ? 0 : _leasedSeconds,
            Starting = _starting,
            Ready = _ready,
            Busy = _busy,
            SpareThroughoutWindow = 0,
            ArrivingSecondsPerSecond = _arrivalRate.PerSecond(_clock.GetUtcNow(), window),
            IdleWindow = window,
            Draining = _draining,
            WorkerThroughput = WorkerThroughput,
            BootTime = TimeSpan.FromSeconds(_observedBoots == 0 ? _options.Boot.MeanSeconds : _observedBootSeconds / _observedBoots),
            WorkerCostPerHourUsd = _options.PricePerHourUsd,
            BudgetForPoolUsdPerHour = _options.BudgetUsdPerHour,
        };
    }

    private void Provision()
    {
        var worker = new SimulatedWorker(Now, Now + _options.Boot.Sample(_bootTimes));
        _workers.Add(worker);
        _starting++;
        _events.Enqueue(worker, worker.ReadyAt);
        _boots += Now >= _warmUpEnd ? 1 : 0;
    }

    private void RemoveOne()
    {
        if (_idle.Count > 0)
        {
            var idle = _idle[0];
            _idle.RemoveAt(0);
            _spare.Spend();
            _ready--;
            Terminate(idle);
        }
        else if (_workers.FindLast(w => w.State == WorkerState.Starting) is { } starting)
        {
            _starting--;
            Terminate(starting);
        }
        else if (_workers.Find(w => w.State == WorkerState.Ready) is { } busy)
        {
            busy.State = WorkerState.Draining;
            _ready--;
            _busy--;
            _draining++;
        }
    }

    private void Terminate(SimulatedWorker worker)
    {
        worker.State = WorkerState.Gone;
        _workers.Remove(worker);
        _unusedBoots += worker.Batches == 0 && worker.ProvisionedAt >= _warmUpEnd ? 1 : 0;
    }

    private SimulationResult Result()
    {
        var days = (_end - _warmUpEnd) / 86_400;
        var workerHoursPerDay = _meter.WorkerSeconds / 3600 / days;
        return new SimulationResult
        {
            Requests = _waits.Count,
            Unserved = _waits.Unserved,
            P50WaitSeconds = _waits.Percentile(50),
            P95WaitSeconds = _waits.Percentile(95),
            P99WaitSeconds = _waits.Percentile(99),
            P95DoneOverLength = _paces.Percentile(95),
            MeanWorkers = _meter.WorkerSeconds / (_end - _warmUpEnd),
            PeakWorkers = _meter.Peak,
            WorkerHoursPerDay = workerHoursPerDay,
            CostPerMonthUsd = Math.Round((decimal)workerHoursPerDay * 30 * _options.PricePerHourUsd, 2),
            BootsPerDay = _boots / days,
            UnusedBootsPerDay = _unusedBoots / days,
            BootsIntoEmptyQueuePerDay = _bootsIntoEmptyQueue / days,
            ScaleUpsPerDay = _scaleUps / days,
            ScaleDownsPerDay = _scaleDowns / days,
            MeanWorkersByHour = [.. _meter.WorkerSecondsByHour.Select(s => s / 3600 / days)],
            OfferedLoadByHour = [.. _engineSecondsByHour.Select(s => s / 3600 / days)],
        };
    }
}
