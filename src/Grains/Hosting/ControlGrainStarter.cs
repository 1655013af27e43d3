using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AutoScale.Grains.Hosting;

/// <summary>
/// Wakes one long-lived control grain (the scaler, the retention sweeper) once the control silo is up, retrying until
/// it answers, and again whenever a silo is declared dead: the grain may have lived there, and its reminder (once a
/// minute) would leave it asleep that long; a gateway that survives wakes it on itself within the failure detection.
/// </summary>
public sealed partial class ControlGrainStarter(
    string grainName, Func<IGrainFactory, Task> wake, IGrainFactory grains, IClusterMembershipService membership,
    IHostApplicationLifetime lifetime, ILogger<ControlGrainStarter> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        await WakeAsync(stoppingToken);
        var dead = DeadSilos(membership.CurrentSnapshot);
        await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
        {
            var nowDead = DeadSilos(snapshot);
            if (!nowDead.IsSubsetOf(dead))
            {
                await WakeAsync(stoppingToken);
            }

            dead = nowDead;
        }
    }

    private static HashSet<SiloAddress> DeadSilos(ClusterMembershipSnapshot snapshot) =>
        [.. snapshot.Members.Where(m => m.Value.Status == SiloStatus.Dead).Select(m => m.Key)];

    private async Task WakeAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await wake(grains).WaitAsync(stoppingToken);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogWakeFailed(exception, grainName, attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, attempt * 2)), stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waking {Grain} failed (attempt {Attempt}); retrying")]
    private partial void LogWakeFailed(Exception exception, string grain, int attempt);
}

/// <summary>Registers a <see cref="ControlGrainStarter"/>.</summary>
public static class ControlGrainStarterExtensions
{
    /// <summary>Adds a starter that calls <paramref name="wake"/> once the host has started (one per grain).</summary>
    public static IServiceCollection AddControlGrainStarter(this IServiceCollection services, string grainName, Func<IGrainFactory, Task> wake) =>
        // Not AddHostedService: it keeps one registration per implementation type, and every starter is this type.
        services.AddSingleton<IHostedService>(provider => new ControlGrainStarter(
            grainName, wake, provider.GetRequiredService<IGrainFactory>(), provider.GetRequiredService<IClusterMembershipService>(),
            provider.GetRequiredService<IHostApplicationLifetime>(),
            provider.GetRequiredService<ILogger<ControlGrainStarter>>()));
}
