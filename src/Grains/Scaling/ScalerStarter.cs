using AutoScale.Interfaces.Fleet;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AutoScale.Grains.Scaling;

/// <summary>Wakes the scaler once the control silo is up (its reminder wakes it after later restarts too).</summary>
public sealed partial class ScalerStarter(IGrainFactory grains, IHostApplicationLifetime lifetime, ILogger<ScalerStarter> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await Scaler.Of(grains).EnsureRunningAsync().WaitAsync(stoppingToken);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogWakeFailed(exception, attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, attempt * 2)), stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waking the scaler failed (attempt {Attempt}); retrying")]
    private partial void LogWakeFailed(Exception exception, int attempt);
}
