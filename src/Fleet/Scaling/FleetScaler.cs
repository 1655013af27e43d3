using AutoScale.Fleet.Hosting;
using AutoScale.Fleet.Providers;
using AutoScale.Fleet.Scaling.Steps;

namespace AutoScale.Fleet.Scaling;

/// <summary>
/// The scaling core: every decision the scaler makes, for every pool, with no clock and no I/O. The scaler grain and the
/// fleet simulator each tick hand it what they read and carry out the <see cref="ScalingStep"/>s it returns, phase by
/// phase, each phase's steps done before the next is asked for (a later phase reads the records the earlier one moved):
/// <list type="number">
/// <item><see cref="Reconcile"/> (now and then, with a provider): its list against the records (<see cref="ProviderReconciliation"/>).</item>
/// <item><see cref="Advance"/>: every live worker along its <see cref="WorkerLifecycle"/>.</item>
/// <item><see cref="Plan"/>, pool by pool: observe → snapshot → decide → steps (<see cref="PoolScaler"/>).</item>
/// </list>
/// It keeps the records (<see cref="Workers"/>) and each pool's observations and memory (<see cref="Pool"/>). Not
/// thread-safe: its one owner drives it.
/// </summary>
public sealed class FleetScaler(ScalingPolicy policy, FleetOptions options, string? provider)
{
    private readonly Dictionary<string, PoolScaler> _pools = new(StringComparer.Ordinal);
    private readonly WorkerLifecycle _lifecycle = new(options.BootDeadlineSeconds, options.DrainDeadlineSeconds);

    /// <summary>The provider's name; null when there is none and the scaler only observes.</summary>
    public string? Provider => provider;

    public FleetRoster Workers { get; } = new();

    /// <summary>The pool's part of the core, made on first use (a pool not configured starts from the defaults).</summary>
    public PoolScaler Pool(string pool)
    {
        if (!_pools.TryGetValue(pool, out var scaler))
        {
            scaler = new PoolScaler(pool, options.Pools.GetValueOrDefault(pool) ?? new FleetPoolOptions(), policy, _lifecycle);
            _pools[pool] = scaler;
        }

        return scaler;
    }

    public IReadOnlyList<ScalingStep> Reconcile(IReadOnlyList<ProvisionedWorker> listed, DateTimeOffset now) =>
        ProviderReconciliation.Plan(listed, Workers, options.Pools.Keys.ToHashSet(StringComparer.Ordinal), provider ?? "", now);

    public IReadOnlyList<ScalingStep> Advance(MembershipReading membership, IReadOnlyDictionary<string, QueueReading> queues, DateTimeOffset now) =>
        [.. Workers.Live.ToList().SelectMany(w => Pool(w.Pool).Advance(w, membership, queues.GetValueOrDefault(w.Pool) ?? QueueReading.Empty, now))];

    public PoolPlan Plan(PoolReading reading) => Pool(reading.Pool).Plan(
        reading,
        Workers.LiveIn(reading.Pool),
        options.BudgetUsdPerHour is { } budget ? budget - Workers.CostOutside(reading.Pool) : null,
        provider is not null);
}
