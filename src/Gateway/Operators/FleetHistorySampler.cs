using AutoScale.Interfaces.Fleet;
using Microsoft.Extensions.Options;

namespace AutoScale.Gateway.Operators;

/// <summary>Reads the scaler's overview every <see cref="OperatorOptions.SampleSeconds"/> into <see cref="FleetHistory"/>.</summary>
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
                history.Add(ToSample(await Scaler.Of(grains).GetOverviewAsync(), time.GetUtcNow()));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The silo may still be starting or the scaler moving; a gap in the chart says so.
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
