using AutoScale.Grains.Retention;

namespace AutoScale.Gateway.Jobs;

/// <summary>
/// Keeps a job safe from retention while its audio is downloaded: taken when the download starts, renewed every third
/// of the hold while the response lasts, left to lapse (one hold later) once it is disposed.
/// </summary>
public sealed partial class DownloadHold : IAsyncDisposable
{
    private readonly RetentionStore _store;
    private readonly Guid _jobId;
    private readonly TimeSpan _hold;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewals;

    private DownloadHold(RetentionStore store, Guid jobId, TimeSpan hold, ILogger logger)
    {
        (_store, _jobId, _hold, _logger) = (store, jobId, hold, logger);
        _renewals = RenewAsync();
    }

    /// <summary>Holds the job, or answers null when a retention sweep has already claimed it.</summary>
    public static async Task<DownloadHold?> TakeAsync(
        RetentionStore store, Guid jobId, TimeSpan hold, ILogger logger, CancellationToken cancellationToken) =>
        await store.HoldForDownloadAsync(jobId, hold, cancellationToken) ? new DownloadHold(store, jobId, hold, logger) : null;

    /// <summary>Holds the job for at least <paramref name="lifetime"/> from now (a presigned URL's), without renewals.</summary>
    public Task<bool> ExtendAsync(TimeSpan lifetime, CancellationToken cancellationToken) =>
        _store.HoldForDownloadAsync(_jobId, lifetime, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewals;
        _stop.Dispose();
    }

    private async Task RenewAsync()
    {
        using var timer = new PeriodicTimer(_hold / 3);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try
                {
                    await _store.HoldForDownloadAsync(_jobId, _hold, _stop.Token);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogRenewalFailed(exception, _jobId); // the hold still has two thirds to run; the next tick retries
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the download hold of job {JobId} failed")]
    private partial void LogRenewalFailed(Exception exception, Guid jobId);
}
