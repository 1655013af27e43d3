using AutoScale.Interfaces.Work;

namespace AutoScale.Silo.Synthesis;

/// <summary>
/// Keeps one lease alive while its chunk is worked on: renews it every third of its length (at least every second),
/// on the <see cref="TimeProvider"/>. When the queue answers that the lease is gone (its job was cancelled, or it
/// expired and went to another worker), <see cref="Dropped"/> is cancelled so the work on the chunk stops. A renewal
/// that fails is logged and tried again at the next period. Disposing stops the renewals and cancels
/// <see cref="Dropped"/>.
/// </summary>
public sealed partial class LeaseRenewal : IAsyncDisposable
{
    // Not disposed: a renewal still in flight when the chunk ends may read it, and it holds no timer or registration.
    private readonly CancellationTokenSource _dropped = new();
    private readonly IWorkQueueGrain _queue;
    private readonly ChunkLease _lease;
    private readonly ILogger _logger;
    private readonly ITimer _timer;

    public LeaseRenewal(IWorkQueueGrain queue, ChunkLease lease, TimeProvider time, ILogger logger)
    {
        (_queue, _lease, _logger) = (queue, lease, logger);
        Period = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, (lease.ExpiresAt - time.GetUtcNow()).Ticks / 3));
        _timer = time.CreateTimer(_ => _ = RenewAsync(), null, Period, Period);
    }

    /// <summary>How often the lease is renewed.</summary>
    public TimeSpan Period { get; }

    /// <summary>Cancelled once the lease is lost (or the renewal disposed): drop the chunk.</summary>
    public CancellationToken Dropped => _dropped.Token;

    public async ValueTask DisposeAsync()
    {
        await _dropped.CancelAsync();
        await _timer.DisposeAsync();
    }

    private async Task RenewAsync()
    {
        try
        {
            if (!_dropped.IsCancellationRequested && !await _queue.RenewAsync(_lease.LeaseId))
            {
                await _dropped.CancelAsync();
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogRenewFailed(exception, _lease.JobId, _lease.Sequence);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the lease of chunk {Sequence} of job {JobId} failed")]
    private partial void LogRenewFailed(Exception exception, Guid jobId, int sequence);
}
