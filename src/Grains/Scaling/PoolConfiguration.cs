using AutoScale.Fleet.Hosting;
using AutoScale.Fleet.Scaling;

namespace AutoScale.Grains.Scaling;

/// <summary>
/// The managed pools' settings: configuration (<c>Fleet:Pools</c>), with what an operator set at run time
/// (<c>fleet_pools</c>) on top. The scaler grain hands it the overrides each time it stores one.
/// </summary>
public sealed class PoolConfiguration(FleetOptions options, string provider, IReadOnlyDictionary<string, PoolOverrides> overrides)
{
    private const int DefaultMaxWorkers = 50;
    private IReadOnlyDictionary<string, PoolOverrides> _overrides = overrides;

    /// <summary>The pools the scaler manages, by name.</summary>
    public IReadOnlyDictionary<string, FleetPoolOptions> Managed => options.Pools;

    public void Use(IReadOnlyDictionary<string, PoolOverrides> overrides) => _overrides = overrides;

    /// <summary>The operator's bounds, else the configured ones; the maximum defaults to the machine's cores with the local provider.</summary>
    public PoolBounds Bounds(string pool)
    {
        var overrides = _overrides.GetValueOrDefault(pool);
        var max = overrides?.MaxWorkers ?? Configured(pool).MaxWorkers ?? (provider == FleetProviders.Local ? Environment.ProcessorCount : DefaultMaxWorkers);
        return new PoolBounds(Math.Min(overrides?.MinWorkers ?? Configured(pool).MinWorkers, max), max);
    }

    /// <summary>The image new workers run; null for the provider's default.</summary>
    public string? Image(string pool) => _overrides.GetValueOrDefault(pool)?.Image ?? Managed.GetValueOrDefault(pool)?.Image;

    public UnservablePool? Unservable(string pool) => _overrides.GetValueOrDefault(pool)?.Unservable;

    public PoolSettings For(string pool, bool awaitingVoices) => new()
    {
        Bounds = Bounds(pool),
        Image = Image(pool) ?? "",
        IdleWindow = TimeSpan.FromSeconds(Configured(pool).IdleSeconds),
        CostPerHourUsd = Configured(pool).CostPerHourUsd,
        Unservable = Unservable(pool),
        AwaitingVoices = awaitingVoices,
    };

    private FleetPoolOptions Configured(string pool) => Managed.GetValueOrDefault(pool) ?? new FleetPoolOptions();
}
