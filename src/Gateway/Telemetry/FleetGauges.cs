using System.Diagnostics.Metrics;
using AutoScale.Interfaces.Fleet;
using AutoScale.Telemetry;

namespace AutoScale.Gateway.Telemetry;

/// <summary>
/// Observable gauges of the <c>AutoScale</c> meter over the scaler's overview (queue depth and oldest wait per pool,
/// workers by state, desired workers, the fleet's cost per hour). The overview is refreshed in the background, so a
/// scrape never waits on a grain call.
/// </summary>
public sealed partial class FleetGauges : BackgroundService
{
    private static readonly TimeSpan RefreshPeriod = TimeSpan.FromSeconds(2);
    private readonly IGrainFactory _grains;
    private readonly TimeProvider _time;
    private readonly ILogger<FleetGauges> _logger;
    private volatile FleetOverview? _overview;

    public FleetGauges(IGrainFactory grains, TimeProvider time, IMeterFactory meters, ILogger<FleetGauges> logger)
    {
        _grains = grains;
        _time = time;
        _logger = logger;
        var meter = meters.Create(AutoScaleDiagnostics.Name);
        meter.CreateObservableGauge("autoscale.queue.depth", QueueDepth, "{chunk}", "Chunks waiting (queued) or held by workers (leased)");
        meter.CreateObservableGauge("autoscale.queue.oldest_wait", OldestWait, "s", "How long the oldest queued chunk's job has waited");
        meter.CreateObservableGauge("autoscale.queue.estimated_work", EstimatedWork, "s", "Engine seconds of queued and leased work");
        meter.CreateObservableGauge("autoscale.workers", Workers, "{worker}", "Workers by pool and state (starting, ready, draining)");
        meter.CreateObservableGauge("autoscale.workers.desired", Desired, "{worker}", "Workers the scaler wants per pool");
        meter.CreateObservableGauge("autoscale.fleet.cost_per_hour", CostPerHour, "{USD}", "What the live fleet costs per hour");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RefreshPeriod, _time);
        do
        {
            try
            {
                _overview = await Scaler.Of(_grains).GetOverviewAsync().WaitAsync(RefreshPeriod * 5, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The silo may still be starting or the scaler moving: the gauges keep their last reading.
                LogRefreshFailed(exception.GetType().Name, exception.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private IEnumerable<Measurement<int>> QueueDepth() => PerPool<int>(pool =>
    [
        new(pool.Queued, Tag("pool", pool.Pool), Tag("state", "queued")),
        new(pool.Leased, Tag("pool", pool.Pool), Tag("state", "leased")),
    ]);

    private IEnumerable<Measurement<double>> OldestWait()
    {
        var now = _time.GetUtcNow();
        return PerPool<double>(pool =>
        [
            new(pool.OldestQueuedAt is { } oldest ? Math.Max(0, (now - oldest).TotalSeconds) : 0, Tag("pool", pool.Pool)),
        ]);
    }

    private IEnumerable<Measurement<double>> EstimatedWork() => PerPool<double>(pool => [new(pool.EstimatedSeconds, Tag("pool", pool.Pool))]);

    private IEnumerable<Measurement<int>> Workers() => PerPool<int>(pool =>
    [
        new(pool.Starting, Tag("pool", pool.Pool), Tag("state", "starting")),
        new(pool.Ready, Tag("pool", pool.Pool), Tag("state", "ready")),
        new(pool.Draining, Tag("pool", pool.Pool), Tag("state", "draining")),
    ]);

    private IEnumerable<Measurement<int>> Desired() => PerPool<int>(pool => [new(pool.Desired, Tag("pool", pool.Pool))]);

    private IEnumerable<Measurement<double>> CostPerHour() =>
        _overview is { } overview ? [new((double)overview.CostPerHourUsd)] : [];

    private IEnumerable<Measurement<T>> PerPool<T>(Func<PoolView, Measurement<T>[]> measure)
        where T : struct =>
        _overview?.Pools.SelectMany(measure) ?? [];

    private static KeyValuePair<string, object?> Tag(string name, string value) => new(name, value);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not read the fleet for the gauges: {Error}: {Message}")]
    private partial void LogRefreshFailed(string error, string message);
}
