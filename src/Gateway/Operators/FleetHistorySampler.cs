using AutoScale.Interfaces.Fleet;
using Microsoft.Extensions.Options;

namespace AutoScale.Gateway.Operators;

/// <summary>
/// Reads the scaler's overview every <see cref="OperatorOptions.SampleSeconds"/> into <see cref="FleetHistory"/>. Every
/// gateway samples, so the chart goes on while any one runs; the slot keeps one sample of theirs.
/// </summary>
public sealed partial class FleetHistorySampler(
    IGrainFactory grains, FleetHistory history, TimeProvider time, IOptions<OperatorOptions> options, ILogger<FleetHistorySampler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SampleSeconds), time);
        do
        {
            try
            {
                var now = time.GetUtcNow();
                // Only the gateway whose sample kept the slot prunes, so the deleting is done once per slot too.
                if (await history.AddAsync(ToSample(await Scaler.Of(grains).GetOverviewAsync(), now), stoppingToken))
                {
                    await history.PruneAsync(now, stoppingToken);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The silo may still be starting, the scaler moving or the database away; a gap in the chart says so.
                LogSampleFailed(exception.GetType().Name, exception.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    internal static FleetSample ToSample(FleetOverview overview, DateTimeOffset at) => new(
        at,
        overview.CostPerHourUsd,
        [.. overview.Pools.Select(p => new PoolSample(
            p.Pool, p.Queued, p.Leased, Math.Round(p.EstimatedSeconds, 3), p.Starting, p.Ready, p.Draining))]);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not sample the fleet for /ops: {Error}: {Message}")]
    private partial void LogSampleFailed(string error, string message);
}
