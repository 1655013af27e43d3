using System.Text.Json;
using AutoScale.Cluster.GrainDirectories;
using AutoScale.Cluster.Hosting;
using AutoScale.Cluster.Telemetry;
using AutoScale.Fleet.Hosting;
using AutoScale.Fleet.Providers;
using AutoScale.Fleet.Scaling;
using AutoScale.Grains.Catalogue;
using AutoScale.Interfaces.Fleet;
using AutoScale.Interfaces.Work;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.GrainDirectory;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace AutoScale.Grains.Scaling;

/// <summary>
/// The cluster's scaler. Each tick it reads every managed pool's queue, the cluster membership (with silo metadata)
/// and its own records; moves each worker along booting → joining → ready → draining → gone; asks the
/// <see cref="ScalingPolicy"/> for the desired count; and converges through the <see cref="IFleetProvider"/>:
/// provisions, drains (through the worker's queue, so nothing in flight is lost), terminates. Its records live in
/// <c>fleet_workers</c>, its decisions in <c>scaling_events</c>; the provider's own list is reconciled periodically,
/// adopting this fleet's workers it has no record of and terminating ones it cannot use.
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
    IClusterMembershipService membership,
    ISiloMetadataCache siloMetadata,
    TimeProvider time,
    IServiceProvider services,
    ILogger<ScalerGrain> logger) : Grain, IScalerGrain, IRemindable
{
    private const string WakeReminder = "wake";
    private const string DrainedReason = "drained and left the cluster";
    private const int RecentlyGoneShown = 20;
    private static readonly TimeSpan ProviderListGrace = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CapacityBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan HoldEventInterval = TimeSpan.FromSeconds(60);
    private static readonly JsonSerializerOptions InputsJson = new(JsonSerializerDefaults.Web);

    private readonly IFleetProvider? _provider = services.GetService(typeof(IFleetProvider)) as IFleetProvider;
    private readonly Dictionary<string, FleetWorkerRecord> _workers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PoolObservations> _observed = [];
    private readonly Dictionary<string, DateTimeOffset> _provisionPausedUntil = [];
    private readonly Dictionary<string, DateTimeOffset> _lastHoldEvent = [];
    private readonly Dictionary<string, ScalingDecision> _decisions = [];
    private readonly Dictionary<string, int> _rollTargets = [];
    private IReadOnlyDictionary<string, PoolOverrides> _overrides = new Dictionary<string, PoolOverrides>();
    private FleetOverview? _overview;
    private DateTimeOffset _nextReconcile;

    private FleetOptions Settings => fleetOptions.Value;

    private string ProviderName => _provider?.Name ?? FleetProviders.None;

    /// <summary>The pools the scaler manages, with their configured settings.</summary>
    private IReadOnlyDictionary<string, FleetPoolOptions> ManagedPools => Settings.Pools;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var record in await store.LoadAsync(RecentlyGoneShown, cancellationToken))
        {
            _workers[record.Id] = record;
        }

        _overrides = await store.LoadPoolOverridesAsync(cancellationToken);
        _nextReconcile = time.GetUtcNow();
        LogActivated(ProviderName, _workers.Values.Count(w => w.IsLive), string.Join(", ", ManagedPools.Keys));
        this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.Zero,
            Period = TimeSpan.FromSeconds(Settings.TickSeconds),
            Interleave = false,
            KeepAlive = true,
        });
    }

    public async Task EnsureRunningAsync() =>
        await this.RegisterOrUpdateReminder(WakeReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask; // being active is the point

    public Task<FleetOverview> GetOverviewAsync() => Task.FromResult(_overview ?? EmptyOverview());

    public async Task<PoolView?> SetBoundsAsync(string pool, int min, int max)
    {
        if (!ManagedPools.ContainsKey(pool))
        {
            return null;
        }

        var bounds = new PoolBounds(min, max);
        if (!bounds.IsValid)
        {
            throw new ArgumentOutOfRangeException(nameof(min), $"Bounds {bounds} are not valid: 0 <= min <= max <= 10000.");
        }

        var before = BoundsOf(pool);
        await store.SaveBoundsAsync(pool, min, max);
        _overrides = await store.LoadPoolOverridesAsync();
        await RecordAsync(pool, "bounds", before.Max, max, $"bounds changed from {before} to {bounds} by an operator", new { before, after = bounds });
        LogBoundsChanged(pool, before.ToString(), bounds.ToString());
        return PoolViewOf(pool, _overview?.Pools.FirstOrDefault(p => p.Pool == pool));
    }

    public async Task<PoolView?> SetImageAsync(string pool, string image)
    {
        if (!ManagedPools.ContainsKey(pool))
        {
            return null;
        }

        if (_provider?.ProblemWithImage(image) is { } problem)
        {
            throw new ArgumentException(problem, nameof(image));
        }

        var before = ImageOf(pool);
        await store.SaveImageAsync(pool, image);
        _overrides = await store.LoadPoolOverridesAsync();
        _rollTargets.Remove(pool); // a roll to an image that is no longer wanted starts over for the new one
        await RecordAsync(pool, "image", 0, 0, $"image changed from '{before}' to '{image}' by an operator", new { pool, before, image });
        LogImageChanged(pool, before, image);
        return PoolViewOf(pool, _overview?.Pools.FirstOrDefault(p => p.Pool == pool));
    }

    public async Task ReportUnservableAsync(string pool, string? fleetId, string workerId, string reason)
    {
        var now = time.GetUtcNow();
        var record = fleetId is null ? null : _workers.GetValueOrDefault(fleetId);
        var image = record?.Image ?? ImageOf(pool);
        await store.SaveUnservableAsync(pool, new UnservablePool(reason, image, now));
        _overrides = await store.LoadPoolOverridesAsync();
        var live = _workers.Values.Count(w => w.IsLive && w.Pool == pool);
        await RecordAsync(pool, "unservable", live, live, reason, new { pool, workerId, fleetId, image });
        LogUnservable(pool, image, reason);
        if (record is { IsLive: true })
        {
            await TerminateAsync(record, now, $"cannot serve its pool: {reason}");
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            var now = time.GetUtcNow();
            var silos = WorkerSilos();
            // Alive by the membership alone: a restarted gateway learns other silos' metadata a little later, and a
            // worker whose metadata has not arrived yet must not be taken for one that left.
            var alive = membership.CurrentSnapshot.Members.Where(m => m.Value.Status != SiloStatus.Dead)
                .Select(m => m.Key.ToParsableString()).ToHashSet(StringComparer.Ordinal);
            var queues = await ReadQueuesAsync();
            if (_provider is not null && now >= _nextReconcile)
            {
                _nextReconcile = now.AddSeconds(Settings.ReconcileSeconds);
                await ReconcileAsync(now);
            }

            foreach (var record in _workers.Values.Where(w => w.IsLive).ToList())
            {
                await AdvanceAsync(record, silos, alive, queues, now);
            }

            foreach (var pool in ManagedPools.Keys)
            {
                await ScalePoolAsync(pool, silos, queues, now);
            }

            ForgetOldGone();
            _overview = BuildOverview(silos, queues, now);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogTickFailed(exception);
        }
    }

    private async Task<Dictionary<string, QueueStats>> ReadQueuesAsync()
    {
        var pools = ManagedPools.Keys.Concat(catalogue.Models.Values.Select(m => m.Pool)).Distinct().ToList();
        var stats = await Task.WhenAll(pools.Select(p => WorkQueues.Of(GrainFactory, p).GetStatsAsync()));
        return stats.ToDictionary(s => s.Pool);
    }

    /// <summary>Worker silos in the membership that are not dead, with what their metadata says.</summary>
    private List<WorkerSilo> WorkerSilos()
    {
        var silos = new List<WorkerSilo>();
        foreach (var (address, member) in membership.CurrentSnapshot.Members)
        {
            if (member.Status == SiloStatus.Dead)
            {
                continue;
            }

            var metadata = siloMetadata.GetSiloMetadata(address).Metadata;
            if (metadata.GetValueOrDefault(SiloMetadataKeys.Role) != SiloRole.Worker)
            {
                continue;
            }

            silos.Add(new WorkerSilo(
                address.ToParsableString(),
                member.Status,
                metadata.GetValueOrDefault(SiloMetadataKeys.Pool) ?? "",
                metadata.GetValueOrDefault(SiloMetadataKeys.FleetId)));
        }

        return silos;
    }

    private async Task AdvanceAsync(
        FleetWorkerRecord record, List<WorkerSilo> silos, HashSet<string> alive, Dictionary<string, QueueStats> queues, DateTimeOffset now)
    {
        var silo = silos.Where(s => s.FleetId == record.Id).OrderByDescending(s => s.Status == SiloStatus.Active).FirstOrDefault();
        var queue = queues.GetValueOrDefault(record.Pool);
        var age = now - record.CreatedAt;
        switch (record.State)
        {
            case FleetWorkerState.Booting or FleetWorkerState.Joining:
                if (silo is not null && record.Silo != silo.Address)
                {
                    record.Silo = silo.Address;
                    record.MoveTo(FleetWorkerState.Joining, now);
                    await store.SaveAsync(record);
                }

                if (silo is { Status: SiloStatus.Active } && queue?.Workers.Any(w => w.WorkerId == silo.Address) == true)
                {
                    record.ReadyAt = now;
                    record.MoveTo(FleetWorkerState.Ready, now);
                    Observed(record.Pool).ObserveBoot(now - record.CreatedAt);
                    await store.SaveAsync(record);
                    LogReady(record.Id, record.Pool, (now - record.CreatedAt).TotalSeconds);
                }
                else if (age > TimeSpan.FromSeconds(Settings.BootDeadlineSeconds))
                {
                    await TerminateAsync(record, now, $"not pulling work {Settings.BootDeadlineSeconds} s after it was asked for (boot deadline)");
                }

                break;
            case FleetWorkerState.Ready:
                if (record.Silo is null || !alive.Contains(record.Silo))
                {
                    await TerminateAsync(record, now, "its silo left the cluster unasked (crashed or killed)");
                }

                break;
            case FleetWorkerState.Draining:
                if (record.Silo is null || !alive.Contains(record.Silo))
                {
                    await TerminateAsync(record, now, DrainedReason);
                }
                else if (now - record.StateSince > TimeSpan.FromSeconds(Settings.DrainDeadlineSeconds))
                {
                    await TerminateAsync(record, now, $"still in the cluster {Settings.DrainDeadlineSeconds} s after it was told to drain");
                }
                else
                {
                    await WorkQueues.Of(GrainFactory, record.Pool).DrainWorkerAsync(record.Silo);
                }

                break;
            default:
                break;
        }
    }

    private async Task ScalePoolAsync(string pool, List<WorkerSilo> silos, Dictionary<string, QueueStats> queues, DateTimeOffset now)
    {
        var settings = ManagedPools[pool];
        var queue = queues.GetValueOrDefault(pool) ?? new QueueStats(pool, 0, 0, 0, null);
        var live = _workers.Values.Where(w => w.IsLive && w.Pool == pool).ToList();
        var managedSilos = live.Where(w => w.Silo is not null).Select(w => w.Silo!).ToHashSet();
        var activeSilos = silos.Where(s => s.Status == SiloStatus.Active).Select(s => s.Address).ToHashSet();
        var byWorker = queue.Workers.ToDictionary(w => w.WorkerId);
        var readyRecords = live.Where(w => w.State == FleetWorkerState.Ready).ToList();
        var unmanaged = queue.Workers.Where(w => !w.Draining && !managedSilos.Contains(w.WorkerId) && activeSilos.Contains(w.WorkerId)).ToList();
        var idleWindow = TimeSpan.FromSeconds(settings.IdleSeconds);
        var observed = Observed(pool);
        observed.ObserveQueue(queue, readyRecords.Count + unmanaged.Count, now, idleWindow);
        var idleNow = readyRecords.Count(w => byWorker.GetValueOrDefault(w.Silo!) is { Leased: 0 }) + unmanaged.Count(w => w.Leased == 0);
        var cost = CostOf(pool, live);
        var snapshot = new PoolSnapshot
        {
            Pool = pool,
            Bounds = BoundsOf(pool),
            QueuedChunks = queue.Queued,
            QueuedSeconds = queue.QueuedCharacters * observed.SecondsPerCharacter,
            LeasedSeconds = queue.LeasedCharacters * observed.SecondsPerCharacter,
            Starting = live.Count(w => w.State.IsStarting()),
            Ready = readyRecords.Count + unmanaged.Count,
            Busy = readyRecords.Count(w => byWorker.GetValueOrDefault(w.Silo!)?.Leased > 0) + unmanaged.Count(w => w.Leased > 0),
            SpareThroughoutWindow = 0,
            ArrivingSecondsPerSecond = observed.ArrivingSecondsPerSecond(now, idleWindow),
            IdleWindow = idleWindow,
            Draining = live.Count(w => w.State == FleetWorkerState.Draining),
            WorkerThroughput = observed.WorkerThroughput,
            BootTime = observed.BootTime,
            WorkerCostPerHourUsd = cost,
            AwaitingVoices = catalogue.AwaitsVoices(pool),
            BudgetForPoolUsdPerHour = Settings.BudgetUsdPerHour is { } budget
                ? budget - _workers.Values.Where(w => w.IsLive && w.Pool != pool).Sum(w => w.CostPerHourUsd)
                : null,
        };

        observed.Spare.Record(now, idleNow, snapshot.Ready, policy.Needed(snapshot), idleWindow);
        snapshot = snapshot with
        {
            SpareThroughoutWindow = observed.Spare.SpareThroughout(now, idleWindow),
            PeakNeedOverWindow = observed.Spare.PeakNeed(),
        };

        var decision = await HeedUnservableAsync(pool, policy.Decide(snapshot), snapshot.Ready);
        _decisions[pool] = decision;
        if (_provider is null)
        {
            return; // Fleet:Provider=none: observe and report only
        }

        var rolling = await RollImageAsync(pool, live, byWorker, snapshot, cost, now);
        switch (decision.Action)
        {
            case ScalingAction.ScaleUp:
                await ScaleUpAsync(pool, snapshot, decision, cost, now);
                break;
            case ScalingAction.ScaleDown when !rolling: // the roll drains the old workers itself, never below its target
                await ScaleDownAsync(pool, live, byWorker, snapshot, decision, now);
                break;
            default:
                if (decision.Desired < policy.Needed(snapshot) && now - _lastHoldEvent.GetValueOrDefault(pool) >= HoldEventInterval)
                {
                    _lastHoldEvent[pool] = now;
                    await RecordAsync(pool, "hold", decision.Current, decision.Desired, decision.Reason, snapshot);
                }

                break;
        }
    }

    /// <summary>
    /// A pool a worker could not serve with the current image is not scaled up: more workers of that image would fail
    /// the same way (and cost money). A ready worker of the pool proves otherwise and clears the mark.
    /// </summary>
    private async Task<ScalingDecision> HeedUnservableAsync(string pool, ScalingDecision decision, int ready)
    {
        if (_overrides.GetValueOrDefault(pool)?.Unservable is not { } unservable || unservable.Image != ImageOf(pool))
        {
            return decision;
        }

        if (ready > 0)
        {
            await store.SaveUnservableAsync(pool, null);
            _overrides = await store.LoadPoolOverridesAsync();
            await RecordAsync(pool, "servable", decision.Current, decision.Current, "a worker of the pool is ready: it can be served", new { pool, ready });
            return decision;
        }

        return decision.Desired > decision.Current
            ? decision with
            {
                Desired = decision.Current,
                Reason = $"not scaled up: {unservable.Reason} (set the pool's bounds or image to try again)",
            }
            : decision;
    }

    /// <summary>
    /// Replaces workers of an older image without a gap: when the pool's image changes, as many workers of the new
    /// image start as were ready, and an old worker is drained only while the ready count stays at that target (so a
    /// new worker is ready before an old one leaves). Old workers not yet ready are stopped at once. Returns whether a
    /// roll is under way (the policy's scale-down waits for it).
    /// </summary>
    private async Task<bool> RollImageAsync(
        string pool, List<FleetWorkerRecord> live, Dictionary<string, QueueWorker> byWorker, PoolSnapshot snapshot, decimal cost, DateTimeOffset now)
    {
        var image = ImageOf(pool);
        // No image named: workers run the provider's default, whatever it reports for them (e.g. after adoption).
        var outdated = image.Length == 0
            ? []
            : live.Where(w => w.Image != image && w.State != FleetWorkerState.Draining).ToList();
        if (outdated.Count == 0)
        {
            if (_rollTargets.Remove(pool))
            {
                await RecordAsync(pool, "rolled", snapshot.Ready, snapshot.Ready, $"every worker of the pool runs {image}", new { pool, image });
            }

            return false;
        }

        foreach (var starting in outdated.Where(w => w.State.IsStarting()))
        {
            await TerminateAsync(starting, now, $"the pool's image changed to {image} before it was ready");
        }

        var oldReady = outdated.Where(w => w.State == FleetWorkerState.Ready).ToList();
        var fresh = live.Where(w => w.Image == image && w.State != FleetWorkerState.Draining).ToList();
        var newReady = fresh.Count(w => w.State == FleetWorkerState.Ready);
        var newStarting = fresh.Count(w => w.State.IsStarting());
        if (!_rollTargets.TryGetValue(pool, out var target))
        {
            target = oldReady.Count + newReady;
            _rollTargets[pool] = target;
            await RecordAsync(pool, "roll", target, target,
                $"image changed to {image}: {oldReady.Count} workers of older images are replaced, each drained once a new one is ready",
                new { pool, image, oldReady = oldReady.Count, newReady, newStarting });
            LogRolling(pool, image, oldReady.Count);
        }

        var missing = target - newReady - newStarting;
        var unservable = _overrides.GetValueOrDefault(pool)?.Unservable is { } mark && mark.Image == image;
        if (missing > 0 && oldReady.Count > 0 && !unservable && _provisionPausedUntil.GetValueOrDefault(pool) <= now)
        {
            await ProvisionAsync(pool, missing, newReady + newStarting, cost, snapshot, now);
        }

        var ready = newReady + oldReady.Count;
        foreach (var old in oldReady
            .OrderBy(w => byWorker.GetValueOrDefault(w.Silo!)?.Leased ?? 0)
            .ThenBy(w => byWorker.GetValueOrDefault(w.Silo!)?.BusyAt ?? w.StateSince))
        {
            if (ready - 1 < target)
            {
                break;
            }

            var reason = $"replaced by a worker of image {image}";
            old.MoveTo(FleetWorkerState.Draining, now, reason);
            await store.SaveAsync(old);
            await WorkQueues.Of(GrainFactory, pool).DrainWorkerAsync(old.Silo!);
            await RecordAsync(pool, "replace", ready, ready - 1, reason, new { pool, worker = old.Id, oldImage = old.Image, image });
            ready--;
        }

        return true;
    }

    private string ImageOf(string pool) => _overrides.GetValueOrDefault(pool)?.Image ?? ManagedPools.GetValueOrDefault(pool)?.Image ?? "";

    private async Task ScaleUpAsync(string pool, PoolSnapshot snapshot, ScalingDecision decision, decimal cost, DateTimeOffset now)
    {
        if (_provisionPausedUntil.GetValueOrDefault(pool) > now)
        {
            return;
        }

        await RecordAsync(pool, "scale-up", decision.Current, decision.Desired, decision.Reason, snapshot);
        LogScaling(pool, decision.Current, decision.Desired, decision.Reason);
        await ProvisionAsync(pool, decision.Desired - decision.Current, decision.Current, cost, snapshot, now);
    }

    /// <summary>Starts <paramref name="count"/> workers of the pool's current image; stops (and pauses the pool) at the first refusal.</summary>
    private async Task ProvisionAsync(string pool, int count, int current, decimal cost, PoolSnapshot snapshot, DateTimeOffset now)
    {
        var image = ImageOf(pool);
        for (var i = current; i < current + count; i++)
        {
            var record = new FleetWorkerRecord
            {
                Id = identity.NewWorkerId(pool),
                Pool = pool,
                Provider = ProviderName,
                Image = image,
                State = FleetWorkerState.Booting,
                StateSince = now,
                CreatedAt = now,
                CostPerHourUsd = cost,
            };
            // Recorded before asking, so a crash in between leaves a record the reconciler can match by name.
            _workers[record.Id] = record;
            await store.SaveAsync(record);
            try
            {
                var worker = await _provider!.ProvisionAsync(
                    new ProvisionRequest(record.Id, pool, image, workerEnvironment.For(record.Id, pool, cost)), CancellationToken.None);
                record.ProviderId = worker.ProviderId;
                if (worker.CostPerHourUsd > 0)
                {
                    record.CostPerHourUsd = worker.CostPerHourUsd;
                }

                await store.SaveAsync(record);
            }
            catch (Exception exception) when (exception is FleetCapacityException or FleetProviderException)
            {
                record.MoveTo(FleetWorkerState.Gone, now, $"not started: {exception.Message}");
                await store.SaveAsync(record);
                _provisionPausedUntil[pool] = now + CapacityBackoff;
                await RecordAsync(pool, "provision-failed", current, i, exception.Message, snapshot);
                LogProvisionFailed(pool, exception.Message);
                return;
            }
        }
    }

    private async Task ScaleDownAsync(
        string pool, List<FleetWorkerRecord> live, Dictionary<string, QueueWorker> byWorker, PoolSnapshot snapshot,
        ScalingDecision decision, DateTimeOffset now)
    {
        var excess = decision.Current - decision.Desired;
        var forcedByBounds = decision.Current > snapshot.Bounds.Max || decision.Desired < decision.Current - 1;
        if (!forcedByBounds && snapshot.Draining > 0)
        {
            return; // one idle worker at a time
        }

        // Workers not up yet go first (they hold nothing), then idle ones (longest idle first), then the least busy.
        var victims = live.Where(w => w.State.IsStarting()).OrderByDescending(w => w.CreatedAt)
            .Concat(live.Where(w => w.State == FleetWorkerState.Ready)
                .OrderBy(w => byWorker.GetValueOrDefault(w.Silo!)?.Leased ?? 0)
                .ThenBy(w => byWorker.GetValueOrDefault(w.Silo!)?.BusyAt ?? w.StateSince))
            .Take(excess)
            .ToList();
        if (victims.Count == 0)
        {
            return; // only workers started by hand are idle: they are not ours to stop
        }

        await RecordAsync(pool, "scale-down", decision.Current, decision.Current - victims.Count, decision.Reason, snapshot);
        LogScaling(pool, decision.Current, decision.Current - victims.Count, decision.Reason);
        foreach (var victim in victims)
        {
            if (victim.State.IsStarting() || victim.Silo is null)
            {
                await TerminateAsync(victim, now, "not needed any more before it was ready");
                continue;
            }

            Observed(pool).Spare.Spend();
            victim.MoveTo(FleetWorkerState.Draining, now, decision.Reason);
            await store.SaveAsync(victim);
            await WorkQueues.Of(GrainFactory, pool).DrainWorkerAsync(victim.Silo);
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

        var listedIds = listed.Select(w => w.WorkerId).ToHashSet(StringComparer.Ordinal);
        foreach (var worker in listed)
        {
            if (_workers.TryGetValue(worker.WorkerId, out var record) && record.IsLive)
            {
                record.ProviderId ??= worker.ProviderId;
                if (worker.Status == ProviderWorkerStatus.Exited)
                {
                    await TerminateAsync(record, now, "its process or pod exited");
                }

                continue;
            }

            if (worker.Status != ProviderWorkerStatus.Exited && ManagedPools.ContainsKey(worker.Pool) && record is null)
            {
                var adopted = new FleetWorkerRecord
                {
                    Id = worker.WorkerId,
                    Pool = worker.Pool,
                    Provider = ProviderName,
                    ProviderId = worker.ProviderId,
                    Image = worker.Image,
                    State = FleetWorkerState.Booting,
                    StateSince = now,
                    CreatedAt = worker.CreatedAt,
                    CostPerHourUsd = worker.CostPerHourUsd,
                    Reason = "adopted from the provider's list",
                };
                _workers[adopted.Id] = adopted;
                await store.SaveAsync(adopted);
                await RecordAsync(worker.Pool, "adopt", 0, 0, $"adopted {worker.WorkerId}, found running without a record", worker);
                LogAdopted(worker.WorkerId, worker.Pool);
                continue;
            }

            // Ours by name but of no use: an unmanaged pool, an exited process, or one already terminated once.
            await TerminateProviderWorkerAsync(worker.ProviderId, worker.WorkerId);
            await RecordAsync(worker.Pool, "orphan", 0, 0, $"terminated {worker.WorkerId}: ours by name but not a live worker of a managed pool", worker);
        }

        foreach (var record in _workers.Values.Where(w => w.IsLive && !listedIds.Contains(w.Id) && now - w.CreatedAt > ProviderListGrace).ToList())
        {
            // A drained worker stops its own process; the provider may notice before the membership does.
            record.MoveTo(FleetWorkerState.Gone, now, record.State == FleetWorkerState.Draining ? DrainedReason : "no longer listed by the provider");
            await store.SaveAsync(record);
            LogVanished(record.Id);
        }
    }

    private async Task TerminateAsync(FleetWorkerRecord record, DateTimeOffset now, string reason)
    {
        if (record.ProviderId is not null && !await TerminateProviderWorkerAsync(record.ProviderId, record.Id))
        {
            return; // tried again next tick
        }

        var from = _workers.Values.Count(w => w.IsLive && w.Pool == record.Pool && w.State != FleetWorkerState.Draining);
        var wasCounted = record.State != FleetWorkerState.Draining;
        record.MoveTo(FleetWorkerState.Gone, now, reason);
        await store.SaveAsync(record);
        await RecordAsync(record.Pool, "terminate", from, wasCounted ? from - 1 : from, $"{record.Id}: {reason}", new { record.Id, record.ProviderId });
        LogTerminated(record.Id, reason);
    }

    private async Task<bool> TerminateProviderWorkerAsync(string providerId, string workerId)
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

    private async Task RecordAsync(string pool, string action, int from, int to, string reason, object inputs)
    {
        AutoScaleMetrics.ScalingDecisions.Add(1, new("pool", pool), new("action", action));
        try
        {
            await events.AppendAsync(pool, action, from, to, reason, JsonSerializer.Serialize(inputs, InputsJson));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogEventFailed(exception, pool, action);
        }
    }

    private PoolBounds BoundsOf(string pool)
    {
        var configured = ManagedPools.GetValueOrDefault(pool) ?? new FleetPoolOptions();
        var overrides = _overrides.GetValueOrDefault(pool);
        var max = overrides?.MaxWorkers ?? configured.MaxWorkers ?? (_provider?.Name == FleetProviders.Local ? Environment.ProcessorCount : 50);
        var min = Math.Min(overrides?.MinWorkers ?? configured.MinWorkers, max);
        return new PoolBounds(min, max);
    }

    private decimal CostOf(string pool, List<FleetWorkerRecord> live) =>
        live.Where(w => w.CostPerHourUsd > 0).Select(w => w.CostPerHourUsd).DefaultIfEmpty(ManagedPools[pool].CostPerHourUsd).Average();

    private PoolObservations Observed(string pool)
    {
        if (!_observed.TryGetValue(pool, out var observed))
        {
            observed = new PoolObservations(ManagedPools.GetValueOrDefault(pool) ?? new FleetPoolOptions());
            _observed[pool] = observed;
        }

        return observed;
    }

    private void ForgetOldGone()
    {
        foreach (var gone in _workers.Values.Where(w => !w.IsLive).OrderByDescending(w => w.StateSince).Skip(RecentlyGoneShown).ToList())
        {
            _workers.Remove(gone.Id);
        }
    }

    private FleetOverview BuildOverview(List<WorkerSilo> silos, Dictionary<string, QueueStats> queues, DateTimeOffset now)
    {
        var managedSilos = _workers.Values.Where(w => w.IsLive && w.Silo is not null).Select(w => w.Silo!).ToHashSet();
        var leased = queues.Values.SelectMany(q => q.Workers).GroupBy(w => w.WorkerId).ToDictionary(g => g.Key, g => g.Sum(w => w.Leased));
        var workers = _workers.Values
            .OrderBy(w => w.IsLive ? 0 : 1).ThenBy(w => w.Pool).ThenBy(w => w.CreatedAt)
            .Select(w => new FleetWorkerView
            {
                Id = w.Id,
                Pool = w.Pool,
                State = w.State,
                Since = w.StateSince,
                Provider = w.Provider,
                ProviderId = w.ProviderId,
                CostPerHourUsd = w.IsLive ? w.CostPerHourUsd : 0,
                Image = w.Image,
                Silo = w.Silo,
                Leased = w.Silo is null ? 0 : leased.GetValueOrDefault(w.Silo),
                Reason = w.Reason,
                CreatedAt = w.CreatedAt,
            })
            .Concat(silos.Where(s => !managedSilos.Contains(s.Address) && s.FleetId is null).Select(s => new FleetWorkerView
            {
                Id = s.Address,
                Pool = s.Pool,
                State = s.Status == SiloStatus.Active ? FleetWorkerState.Ready : FleetWorkerState.Joining,
                Since = now,
                Provider = "unmanaged",
                Silo = s.Address,
                Leased = leased.GetValueOrDefault(s.Address),
                Reason = "started outside the fleet",
                CreatedAt = now,
            }))
            .ToList();
        var pools = queues.Keys.Union(ManagedPools.Keys).Order(StringComparer.Ordinal)
            .Select(pool => PoolViewOf(pool, null, queues.GetValueOrDefault(pool), workers))
            .ToList();
        return new FleetOverview
        {
            At = now,
            Provider = ProviderName,
            Pools = pools,
            Workers = workers,
            CostPerHourUsd = _workers.Values.Where(w => w.IsLive).Sum(w => w.CostPerHourUsd),
            BudgetUsdPerHour = Settings.BudgetUsdPerHour,
        };
    }

    private PoolView PoolViewOf(string pool, PoolView? previous, QueueStats? queue = null, IReadOnlyList<FleetWorkerView>? workers = null)
    {
        var managed = ManagedPools.TryGetValue(pool, out var settings);
        var bounds = BoundsOf(pool);
        var observed = Observed(pool);
        var decision = _decisions.GetValueOrDefault(pool);
        var inPool = workers?.Where(w => w.Pool == pool).ToList();
        return new PoolView
        {
            Pool = pool,
            Scaled = managed && _provider is not null,
            MinWorkers = bounds.Min,
            MaxWorkers = bounds.Max,
            Queued = queue?.Queued ?? previous?.Queued ?? 0,
            Leased = queue?.Leased ?? previous?.Leased ?? 0,
            OldestQueuedAt = queue is null ? previous?.OldestQueuedAt : queue.OldestQueuedAt,
            EstimatedSeconds = queue is null
                ? previous?.EstimatedSeconds ?? 0
                : (queue.QueuedCharacters + queue.LeasedCharacters) * observed.SecondsPerCharacter,
            SecondsPerCharacter = observed.SecondsPerCharacter,
            Starting = inPool?.Count(w => w.State.IsStarting()) ?? previous?.Starting ?? 0,
            Ready = inPool?.Count(w => w.State == FleetWorkerState.Ready) ?? previous?.Ready ?? 0,
            Draining = inPool?.Count(w => w.State == FleetWorkerState.Draining) ?? previous?.Draining ?? 0,
            Desired = decision?.Desired ?? 0,
            Reason = decision?.Reason,
            BootSeconds = observed.BootTime.TotalSeconds,
            Image = _overrides.GetValueOrDefault(pool)?.Image ?? settings?.Image,
            IdleSeconds = settings?.IdleSeconds ?? 0,
            UnservableReason = _overrides.GetValueOrDefault(pool)?.Unservable?.Reason,
            UnservableSince = _overrides.GetValueOrDefault(pool)?.Unservable?.Since,
        };
    }

    private FleetOverview EmptyOverview() => new()
    {
        At = time.GetUtcNow(),
        Provider = ProviderName,
        Pools = [.. ManagedPools.Keys.Select(p => PoolViewOf(p, null))],
        Workers = [],
        BudgetUsdPerHour = Settings.BudgetUsdPerHour,
    };

    private sealed record WorkerSilo(string Address, SiloStatus Status, string Pool, string? FleetId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scaler active: provider {Provider}, {Live} live workers on record, pools {Pools}")]
    private partial void LogActivated(string provider, int live, string pools);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pool {Pool}: {From} → {To} workers: {Reason}")]
    private partial void LogScaling(string pool, int from, int to, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {WorkerId} of pool {Pool} is ready, {Seconds:0.0} s after it was asked for")]
    private partial void LogReady(string workerId, string pool, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {WorkerId} terminated: {Reason}")]
    private partial void LogTerminated(string workerId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Terminating worker {WorkerId} failed; trying again next tick")]
    private partial void LogTerminateFailed(Exception exception, string workerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pool {Pool}: no worker could be started: {Reason}")]
    private partial void LogProvisionFailed(string pool, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listing the provider's workers failed; the fleet is reconciled later")]
    private partial void LogReconcileFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Adopted worker {WorkerId} of pool {Pool}, found running without a record")]
    private partial void LogAdopted(string workerId, string pool);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker {WorkerId} is no longer listed by its provider")]
    private partial void LogVanished(string workerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pool {Pool} cannot be served with image '{Image}', so it is not scaled up until an operator acts: {Reason}")]
    private partial void LogUnservable(string pool, string image, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pool {Pool}: image changed from '{Before}' to '{After}'")]
    private partial void LogImageChanged(string pool, string before, string after);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pool {Pool}: rolling {Count} workers to image {Image}")]
    private partial void LogRolling(string pool, string image, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pool {Pool}: bounds changed from {Before} to {After}")]
    private partial void LogBoundsChanged(string pool, string before, string after);

    [LoggerMessage(Level = LogLevel.Error, Message = "A scaler tick failed")]
    private partial void LogTickFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording a {Action} event for pool {Pool} failed")]
    private partial void LogEventFailed(Exception exception, string pool, string action);
}
