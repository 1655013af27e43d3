using AutoScale.Fleet.Hosting;
using AutoScale.Fleet.Scaling;
using AutoScale.Fleet.Scaling.Steps;
using AutoScale.FleetSimulator.Workload;

namespace AutoScale.FleetSimulator.Simulation;

/// <summary>
/// One run, event by event on a <see cref="VirtualClock"/>: request arrivals, boots, batch ends and scaler ticks.
/// Each tick does what the scaler grain does, with the product's scaling core (<see cref="FleetScaler"/>): it reads the
/// simulated membership and queue, lets the core move the workers along their lifecycle and plan the pool, and carries
/// out the steps: a worker asked for boots; a starting one terminated is cancelled; one told to drain takes nothing
/// more, finishes its batch and stops, and is billed until the next tick terminates it. So the snapshot, the drain
/// order and the gates are the product's, not a copy of them.
/// <para>
/// Throughput model: a worker leases up to <see cref="SimulatorOptions.Concurrency"/> chunks at once and synthesises
/// them as one batch that ends after (audio seconds × RTF) seconds, so it produces 1/RTF seconds of audio per second
/// whatever the batch size, and every chunk of the batch finishes at the batch's end. In engine seconds (audio × RTF)
/// a worker therefore gets through exactly 1 per second, the scaler's starting guess of its throughput (it measures it).
/// The queue counts characters as the product's does (<see cref="ChunkQueue.CharactersPerEngineSecond"/>).
/// </para>
/// </summary>
public sealed class FleetSimulation
{
    private const string Pool = "gpu";
    private const double WorkerThroughput = 1;
    private static readonly DateTimeOffset Epoch = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly SimulatorOptions _options;
    private readonly FleetPlan _plan;
    private readonly FleetScaler _scaler;
    private readonly PoolSettings _settings;
    private readonly VirtualClock _clock = new(Epoch);
    private readonly RequestArrivals _arrivals;
    private readonly Random _bootTimes;
    private readonly ChunkQueue _queue;
    private readonly PriorityQueue<SimulatedWorker, double> _events = new();
    private readonly Dictionary<string, SimulatedWorker> _workers = new(StringComparer.Ordinal); // billed: not terminated yet
    private readonly List<SimulatedWorker> _idle = []; // ready and idle, longest idle first
    private readonly List<double> _firstChunkArrivals = [];
    private readonly WaitRecorder _waits = new();
    private readonly WaitRecorder _paces = new();
    private readonly List<(double ArrivedAt, int Chunks)> _lastChunks = [];
    private readonly FleetMeter _meter;
    private readonly double[] _engineSecondsByHour = new double[24];
    private readonly double _warmUpEnd;
    private readonly double _end;
    private int _provisioned;
    private int _boots;
    private int _unusedBoots;
    private int _bootsIntoEmptyQueue;
    private int _scaleUps;
    private int _scaleDowns;

    private FleetSimulation(SimulatorOptions options, FleetPlan plan)
    {
        _options = options;
        _plan = plan;
        var pool = new FleetPoolOptions
        {
            BootSeconds = options.Boot.MeanSeconds,
            SecondsPerCharacter = 1 / ChunkQueue.CharactersPerEngineSecond,
            WorkerThroughput = WorkerThroughput,
            CostPerHourUsd = options.PricePerHourUsd,
        };
        _scaler = new FleetScaler(
            new ScalingPolicy(new ScalingPolicyOptions { TargetWaitSeconds = options.TargetWaitSeconds }),
            new FleetOptions { BudgetUsdPerHour = options.BudgetUsdPerHour, Pools = { [Pool] = pool } },
            "simulated");
        _settings = new PoolSettings
        {
            Bounds = options.Bounds,
            IdleWindow = TimeSpan.FromSeconds(options.IdleWindowSeconds),
            CostPerHourUsd = options.PricePerHourUsd,
        };
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
            var worker = new SimulatedWorker($"always-on-{i}", 0, 0) { State = WorkerState.Ready };
            _workers.Add(worker.Id, worker);
            _idle.Add(worker);
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

            _meter.Hold(_workers.Count);
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
                worker.BusyAt = Now;
                _bootsIntoEmptyQueue += _queue.Chunks == 0 && worker.ProvisionedAt >= _warmUpEnd ? 1 : 0;
                TakeWorkOrIdle(worker);
                break;
            case WorkerState.Ready:
                EndBatch(worker);
                TakeWorkOrIdle(worker);
                break;
            case WorkerState.Draining:
                EndBatch(worker);
                worker.State = WorkerState.Stopped;
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
            _idle.Add(worker);
        }
    }

    private void StartBatch(SimulatedWorker worker)
    {
        _firstChunkArrivals.Clear();
        _lastChunks.Clear();
        var queued = _queue.Chunks;
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
        worker.BatchChunks = queued - _queue.Chunks;
        worker.BusyAt = Now;
        worker.Batches++;
        _events.Enqueue(worker, endsAt);
    }

    private void EndBatch(SimulatedWorker worker)
    {
        _queue.Complete(worker.BatchChunks, worker.BatchEngineSeconds);
        worker.BatchEngineSeconds = 0;
        worker.BatchChunks = 0;
        worker.BusyAt = Now;
    }

    /// <summary>What the scaler grain does each tick, through the same core: read, advance the workers, plan the pool, carry out.</summary>
    private void Tick()
    {
        var now = _clock.GetUtcNow();
        var members = _workers.Values.Where(w => w.InCluster).ToList();
        var membership = new MembershipReading(
            [.. members.Select(w => new WorkerSilo(w.Id, true, Pool, w.Id))], members.Select(w => w.Id).ToHashSet(StringComparer.Ordinal));
        var queue = _queue.Reading([.. members.Select(w => new PullingWorker(w.Id, w.BatchChunks, Epoch.AddSeconds(w.BusyAt), w.State == WorkerState.Draining))]);
        CarryOut(_scaler.Advance(membership, new Dictionary<string, QueueReading> { [Pool] = queue }, now), now);
        var plan = _scaler.Plan(new PoolReading(Pool, now, _settings, queue, membership));
        if (Now >= _warmUpEnd)
        {
            _scaleUps += plan.Decision.Action == ScalingAction.ScaleUp ? 1 : 0;
            _scaleDowns += plan.Decision.Action == ScalingAction.ScaleDown ? 1 : 0;
        }

        CarryOut(plan.Steps, now);
        _scaler.Workers.ForgetGoneBeyond(0);
    }

    /// <summary>The core's steps on the simulated workers; the rest (events, the queue told again) changes nothing here.</summary>
    private void CarryOut(IReadOnlyList<ScalingStep> steps, DateTimeOffset now)
    {
        foreach (var step in steps)
        {
            switch (step)
            {
                case ProvisionWorkers provision:
                    for (var i = 0; i < provision.Count; i++)
                    {
                        Provision(provision, now);
                    }

                    break;
                case TerminateWorker terminate:
                    terminate.Apply(now);
                    Terminate(_workers[terminate.Worker.Id]);
                    break;
                case DrainWorker drain:
                    drain.Apply(now);
                    Drain(_workers[drain.Worker.Id]);
                    break;
                case WorkerStep move:
                    move.Apply(now);
                    break;
                default:
                    break;
            }
        }
    }

    private void Provision(ProvisionWorkers provision, DateTimeOffset now)
    {
        var record = FleetWorkerRecord.Booting($"w{++_provisioned}", Pool, _scaler.Provider!, provision.Image, provision.CostPerHourUsd, now);
        _scaler.Workers.Add(record);
        var worker = new SimulatedWorker(record.Id, Now, Now + _options.Boot.Sample(_bootTimes));
        _workers.Add(worker.Id, worker);
        _events.Enqueue(worker, worker.ReadyAt);
        _boots += Now >= _warmUpEnd ? 1 : 0;
    }

    /// <summary>Told to drain: its polls come back empty, so an idle worker stops at once and a busy one after its batch.</summary>
    private void Drain(SimulatedWorker worker)
    {
        worker.State = _idle.Remove(worker) ? WorkerState.Stopped : WorkerState.Draining;
    }

    private void Terminate(SimulatedWorker worker)
    {
        if (worker.BatchChunks > 0)
        {
            throw new InvalidOperationException($"The scaler terminated {worker.Id} while it held chunks; the simulation does not model lost leases.");
        }

        _idle.Remove(worker);
        worker.State = WorkerState.Gone;
        _workers.Remove(worker.Id);
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
