using System.Text.Json;
using AutoScale.Fleet.Hosting;
using AutoScale.Fleet.Providers;
using AutoScale.Fleet.Scaling;
using AutoScale.Fleet.Scaling.Steps;
using AutoScale.Grains.Catalogue;
using AutoScale.Hosting.GrainDirectories;
using AutoScale.Interfaces.Fleet;
using AutoScale.Interfaces.Work;
using AutoScale.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.GrainDirectory;

namespace AutoScale.Grains.Scaling;

/// <summary>
/// The cluster's scaler: the effects of the scaling core (<see cref="FleetScaler"/>), which decides everything. Each
/// tick it reads every pool's queue, the cluster membership and (now and then) the provider's list, asks the core phase
/// by phase and carries out its steps: records in <c>fleet_workers</c>, the provider's provisions and terminations,
/// the queue's drains, decisions in <c>scaling_events</c>; then it builds the operator's overview.
/// </summary>
[GrainDirectory(GrainDirectoryName = ControlGrainDirectory.Name)]
public sealed partial class ScalerGrain(
    IOptions<FleetOptions> fleetOptions,
    FleetIdentity identity,
    ScalingPolicy policy,
    FleetStore store,
    ScalingEventStore events,
    WorkerEnvironment workerEnvironment,
    ModelCatalogue catalogue,
    MembershipReader membership,
    TimeProvider time,
    IServiceProvider services,
    ILogger<ScalerGrain> logger) : Grain, IScalerGrain, IRemindable
{
    private const string WakeReminder = "wake";
    private const int RecentlyGoneShown = 20;
    private static readonly JsonSerializerOptions InputsJson = new(JsonSerializerDefaults.Web);

    private readonly IFleetProvider? _provider = services.GetService(typeof(IFleetProvider)) as IFleetProvider;
    private FleetScaler _fleet = null!;
    private PoolConfiguration _pools = null!;
    private FleetOverviewBuilder _readModel = null!;
    private FleetOverview? _overview;
    private DateTimeOffset _nextReconcile;

    private FleetOptions Settings => fleetOptions.Value;

    private string ProviderName => _provider?.Name ?? FleetProviders.None;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _fleet = new FleetScaler(policy, Settings, _provider?.Name);
        foreach (var record in await store.LoadAsync(RecentlyGoneShown, cancellationToken))
        {
            _fleet.Workers.Add(record);
        }

        _pools = new PoolConfiguration(Settings, ProviderName, await store.LoadPoolOverridesAsync(cancellationToken));
        _readModel = new FleetOverviewBuilder(_fleet, _pools, Settings.BudgetUsdPerHour);
        _nextReconcile = time.GetUtcNow();
        LogActivated(ProviderName, _fleet.Workers.Live.Count(), string.Join(", ", _pools.Managed.Keys));
        this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(TimeSpan.Zero, TimeSpan.FromSeconds(Settings.TickSeconds)) { KeepAlive = true });
    }

    public async Task EnsureRunningAsync() =>
        await this.RegisterOrUpdateReminder(WakeReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask; // being active is the point

    public Task<FleetOverview> GetOverviewAsync() => Task.FromResult(_overview ?? _readModel.Empty(time.GetUtcNow()));

    public async Task<PoolView?> SetBoundsAsync(string pool, int min, int max)
    {
        if (!_pools.Managed.ContainsKey(pool))
        {
            return null;
        }

        var bounds = new PoolBounds(min, max);
        if (!bounds.IsValid)
        {
            throw new ArgumentOutOfRangeException(nameof(min), $"Bounds {bounds} are not valid: 0 <= min <= max <= 10000.");
        }

        var before = _pools.Bounds(pool);
        await store.SaveBoundsAsync(pool, min, max);
        _pools.Use(await store.LoadPoolOverridesAsync());
        await RecordAsync(new RecordEvent(pool, "bounds", before.Max, max, $"bounds changed from {before} to {bounds} by an operator", new { before, after = bounds }));
        return _readModel.PoolView(pool, _overview?.Pools.FirstOrDefault(p => p.Pool == pool));
    }

    public async Task<PoolView?> SetImageAsync(string pool, string image)
    {
        if (!_pools.Managed.ContainsKey(pool))
        {
            return null;
        }

        if (_provider?.ProblemWithImage(image) is { } problem)
        {
            throw new ArgumentException(problem, nameof(image));
        }

        var before = _pools.Image(pool) ?? "";
        await store.SaveImageAsync(pool, image);
        _pools.Use(await store.LoadPoolOverridesAsync());
        _fleet.Pool(pool).ImageChanged();
        await RecordAsync(new RecordEvent(pool, "image", 0, 0, $"image changed from '{before}' to '{image}' by an operator", new { pool, before, image }));
        return _readModel.PoolView(pool, _overview?.Pools.FirstOrDefault(p => p.Pool == pool));
    }

    public async Task ReportUnservableAsync(string pool, string? fleetId, string workerId, string reason)
    {
        var now = time.GetUtcNow();
        var record = fleetId is null ? null : _fleet.Workers.Find(fleetId);
        var image = record?.Image ?? _pools.Image(pool) ?? "";
        await store.SaveUnservableAsync(pool, new UnservablePool(reason, image, now));
        _pools.Use(await store.LoadPoolOverridesAsync());
        var live = _fleet.Workers.LiveIn(pool).Count;
        await RecordAsync(new RecordEvent(pool, "unservable", live, live, reason, new { pool, workerId, fleetId, image }));
        LogUnservable(pool, image, reason);
        if (record is { IsLive: true })
        {
            await TerminateAsync(new TerminateWorker(record, $"cannot serve its pool: {reason}"), now);
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            var now = time.GetUtcNow();
            var cluster = membership.Read();
            var pools = _pools.Managed.Keys.Concat(catalogue.Models.Values.Select(m => m.Pool)).Distinct().ToList();
            var stats = (await Task.WhenAll(pools.Select(p => WorkQueues.Of(GrainFactory, p).GetStatsAsync()))).ToDictionary(s => s.Pool);
            var queues = stats.ToDictionary(s => s.Key, s => s.Value.ToReading());
            if (_provider is not null && now >= _nextReconcile)
            {
                _nextReconcile = now.AddSeconds(Settings.ReconcileSeconds);
                await ReconcileAsync(now);
            }

            await CarryOutAsync(_fleet.Advance(cluster, queues, now), now);
            foreach (var pool in _pools.Managed.Keys)
            {
                var queue = queues.GetValueOrDefault(pool) ?? QueueReading.Empty;
                await CarryOutAsync(_fleet.Plan(new PoolReading(pool, now, _pools.For(pool, catalogue.AwaitsVoices(pool)), queue, cluster)).Steps, now);
            }

            _fleet.Workers.ForgetGoneBeyond(RecentlyGoneShown);
            _overview = _readModel.Build(cluster, stats, now);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogTickFailed(exception);
        }
    }

    private async Task ReconcileAsync(DateTimeOffset now)
    {
        IReadOnlyList<ProvisionedWorker> listed;
        try
        {
            listed = await _provider!.ListAsync(CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogReconcileFailed(exception);
            return;
        }

        await CarryOutAsync(_fleet.Reconcile(listed, now), now);
    }

    /// <summary>Carries out the core's steps in order; after a refused provision, the plan's later provisions are skipped.</summary>
    private async Task CarryOutAsync(IReadOnlyList<ScalingStep> steps, DateTimeOffset now)
    {
        var refused = false;
        foreach (var step in steps)
        {
            switch (step)
            {
                case ProvisionWorkers provision when !refused:
                    refused = !await ProvisionAsync(provision, now);
                    break;
                case TerminateWorker terminate:
                    await TerminateAsync(terminate, now);
                    break;
                case TerminateOrphan orphan:
                    await TerminateAtProviderAsync(orphan.Listed.ProviderId, orphan.Listed.WorkerId);
                    break;
                case AdoptWorker adopt:
                    _fleet.Workers.Add(adopt.Worker);
                    await store.SaveAsync(adopt.Worker);
                    break;
                case DrainWorker drain:
                    drain.Apply(now);
                    await store.SaveAsync(drain.Worker);
                    await WorkQueues.Of(GrainFactory, drain.Worker.Pool).DrainWorkerAsync(drain.Worker.Silo!);
                    break;
                case TellToDrain tell:
                    await WorkQueues.Of(GrainFactory, tell.Worker.Pool).DrainWorkerAsync(tell.Worker.Silo!);
                    break;
                case WorkerStep move: // joining, ready, gone unasked, a provider id learnt
                    move.Apply(now);
                    await store.SaveAsync(move.Worker);
                    LogMoved(move.Worker.Id, move.Worker.Pool, move.Worker.Stage.ToState().ToWireName(), (now - move.Worker.CreatedAt).TotalSeconds, move.Worker.Reason ?? "");
                    break;
                case ClearUnservable clear:
                    await store.SaveUnservableAsync(clear.Pool, null);
                    _pools.Use(await store.LoadPoolOverridesAsync());
                    break;
                case RecordEvent record:
                    await RecordAsync(record);
                    break;
            }
        }
    }

    /// <summary>Starts the step's workers; false at the first refusal, which pauses the pool's provisioning.</summary>
    private async Task<bool> ProvisionAsync(ProvisionWorkers provision, DateTimeOffset now)
    {
        if (provision.Announcement is { } announcement)
        {
            await RecordAsync(announcement);
        }

        for (var started = 0; started < provision.Count; started++)
        {
            var record = FleetWorkerRecord.Booting(identity.NewWorkerId(provision.Pool), provision.Pool, ProviderName, provision.Image, provision.CostPerHourUsd, now);
            // Recorded before asking, so a crash in between leaves a record the reconciler can match by name.
            _fleet.Workers.Add(record);
            await store.SaveAsync(record);
            try
            {
                var environment = workerEnvironment.For(record.Id, provision.Pool, provision.CostPerHourUsd);
                var worker = await _provider!.ProvisionAsync(new ProvisionRequest(record.Id, provision.Pool, provision.Image, environment), CancellationToken.None);
                record.ProviderId = worker.ProviderId;
                record.CostPerHourUsd = worker.CostPerHourUsd > 0 ? worker.CostPerHourUsd : record.CostPerHourUsd;
                await store.SaveAsync(record);
            }
            catch (Exception exception) when (exception is FleetCapacityException or FleetProviderException)
            {
                record.End(now, $"not started: {exception.Message}");
                await store.SaveAsync(record);
                _fleet.Pool(provision.Pool).ProvisioningRefused(now);
                await RecordAsync(provision.Refused(started, exception.Message));
                LogProvisionFailed(provision.Pool, exception.Message);
                return false;
            }
        }

        return true;
    }

    private async Task TerminateAsync(TerminateWorker terminate, DateTimeOffset now)
    {
        if (terminate.Worker.ProviderId is { } providerId && !await TerminateAtProviderAsync(providerId, terminate.Worker.Id))
        {
            return; // tried again next tick
        }

        var recorded = terminate.Recorded(_fleet.Workers);
        terminate.Apply(now);
        await store.SaveAsync(terminate.Worker);
        await RecordAsync(recorded);
    }

    private async Task<bool> TerminateAtProviderAsync(string providerId, string workerId)
    {
        try
        {
            await _provider!.TerminateAsync(providerId, CancellationToken.None);
            return true;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogTerminateFailed(exception, workerId);
            return false;
        }
    }

    private async Task RecordAsync(RecordEvent decision)
    {
        AutoScaleMetrics.ScalingDecisions.Add(1, new("pool", decision.Pool), new("action", decision.Action));
        LogDecision(decision.Pool, decision.Action, decision.From, decision.To, decision.Reason);
        try
        {
            await events.AppendAsync(decision.Pool, decision.Action, decision.From, decision.To, decision.Reason, JsonSerializer.Serialize(decision.Inputs, InputsJson));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogEventFailed(exception, decision.Pool, decision.Action);
        }
    }
}
