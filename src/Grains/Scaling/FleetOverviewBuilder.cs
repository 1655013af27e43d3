using AutoScale.Fleet.Scaling;
using AutoScale.Interfaces.Fleet;
using AutoScale.Interfaces.Work;

namespace AutoScale.Grains.Scaling;

/// <summary>The scaler's read model (<c>/admin/fleet</c>): the fleet and each pool as of a tick, from the core's records, decisions and observations.</summary>
public sealed class FleetOverviewBuilder(FleetScaler fleet, PoolConfiguration pools, decimal? budgetUsdPerHour)
{
    private string Provider => fleet.Provider ?? Fleet.Hosting.FleetProviders.None;

    public FleetOverview Build(MembershipReading membership, IReadOnlyDictionary<string, QueueStats> queues, DateTimeOffset now)
    {
        var recorded = fleet.Workers.Live.Where(w => w.Silo is not null).Select(w => w.Silo!).ToHashSet();
        var leased = queues.Values.SelectMany(q => q.Workers).GroupBy(w => w.WorkerId).ToDictionary(g => g.Key, g => g.Sum(w => w.Leased));
        var workers = fleet.Workers.All
            .OrderBy(w => w.IsLive ? 0 : 1).ThenBy(w => w.Pool).ThenBy(w => w.CreatedAt)
            .Select(w => new FleetWorkerView
            {
                Id = w.Id,
                Pool = w.Pool,
                State = w.Stage.ToState(),
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
            .Concat(membership.WorkerSilos.Where(s => !recorded.Contains(s.Address) && s.FleetId is null).Select(s => new FleetWorkerView
            {
                Id = s.Address,
                Pool = s.Pool,
                State = s.Active ? FleetWorkerState.Ready : FleetWorkerState.Joining,
                Since = now,
                Provider = "unmanaged",
                Silo = s.Address,
                Leased = leased.GetValueOrDefault(s.Address),
                Reason = "started outside the fleet",
                CreatedAt = now,
            }))
            .ToList();
        return new FleetOverview
        {
            At = now,
            Provider = Provider,
            Pools = [.. queues.Keys.Union(pools.Managed.Keys).Order(StringComparer.Ordinal).Select(pool => PoolView(pool, null, queues.GetValueOrDefault(pool), workers))],
            Workers = workers,
            CostPerHourUsd = fleet.Workers.CostPerHourUsd,
            BudgetUsdPerHour = budgetUsdPerHour,
        };
    }

    /// <summary>Before the first tick: the managed pools and no worker.</summary>
    public FleetOverview Empty(DateTimeOffset now) => new()
    {
        At = now,
        Provider = Provider,
        Pools = [.. pools.Managed.Keys.Select(p => PoolView(p, null))],
        Workers = [],
        BudgetUsdPerHour = budgetUsdPerHour,
    };

    /// <summary>One pool; what this tick did not read (its queue, its workers) comes from <paramref name="previous"/>.</summary>
    public PoolView PoolView(string pool, PoolView? previous, QueueStats? queue = null, IReadOnlyList<FleetWorkerView>? workers = null)
    {
        var settings = pools.Managed.GetValueOrDefault(pool);
        var bounds = pools.Bounds(pool);
        var scaler = fleet.Pool(pool);
        var observed = scaler.Observed;
        var inPool = workers?.Where(w => w.Pool == pool).ToList();
        return new PoolView
        {
            Pool = pool,
            Scaled = settings is not null && fleet.Provider is not null,
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
            Desired = scaler.LastDecision?.Desired ?? 0,
            Reason = scaler.LastDecision?.Reason,
            BootSeconds = observed.BootTime.TotalSeconds,
            Image = pools.Image(pool),
            IdleSeconds = settings?.IdleSeconds ?? 0,
            UnservableReason = pools.Unservable(pool)?.Reason,
            UnservableSince = pools.Unservable(pool)?.Since,
        };
    }
}
