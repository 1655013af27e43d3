using AutoScale.Grains.Catalogue;
using AutoScale.Interfaces.Work;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AutoScale.Grains.Work;

/// <summary>
/// Watches the cluster membership on the control silo and, the moment a silo is declared dead, puts every chunk it
/// had leased back in its pool's queue. The queue's own <see cref="ChunkRescuer"/> (lease expiry) is the slower
/// safety net.
/// </summary>
public sealed partial class WorkerDeathWatcher(
    IClusterMembershipService membership,
    IGrainFactory grains,
    ModelCatalogue catalogue,
    ILogger<WorkerDeathWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var known = new HashSet<SiloAddress>();
        var pools = catalogue.Models.Values.Select(m => m.Pool).Distinct().ToList();
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                foreach (var (silo, member) in snapshot.Members)
                {
                    if (member.Status != SiloStatus.Dead || !known.Add(silo))
                    {
                        continue;
                    }

                    var workerId = silo.ToParsableString();
                    LogWorkerDead(workerId);
                    foreach (var pool in pools)
                    {
                        try
                        {
                            await WorkQueues.Of(grains, pool).ReleaseWorkerAsync(workerId);
                        }
                        catch (Exception exception) when (exception is not OperationCanceledException)
                        {
                            LogReleaseFailed(exception, workerId, pool);
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {WorkerId} is dead (stopped or failed): any chunks it still held go back to the queues")]
    private partial void LogWorkerDead(string workerId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Putting back the chunks of dead silo {WorkerId} in pool {Pool} failed; lease expiry will")]
    private partial void LogReleaseFailed(Exception exception, string workerId, string pool);
}
