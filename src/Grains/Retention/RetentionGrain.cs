using AutoScale.Artifacts;
using AutoScale.Hosting.GrainDirectories;
using AutoScale.Interfaces.Jobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.GrainDirectory;

namespace AutoScale.Grains.Retention;

/// <summary>
/// Removes expired finished jobs in batches: claims a batch (skipping jobs a download holds), deletes each claimed
/// job's artifacts, then its rows, then drops any job grain still holding the job in memory. A reminder wakes it
/// after restarts; a grain timer drives the sweeps, since reminders cannot tick faster than once a minute.
/// </summary>
[GrainDirectory(GrainDirectoryName = ControlGrainDirectory.Name)]
public sealed partial class RetentionGrain(
    IOptions<RetentionOptions> options,
    RetentionStore store,
    IArtifactStore artifacts,
    ILogger<RetentionGrain> logger) : Grain, IRetentionGrain, IRemindable
{
    private const string WakeReminder = "wake";
    private const int ParallelArtifactDeletes = 8;
    private static readonly TimeSpan MinimumReminderPeriod = TimeSpan.FromMinutes(1);

    private RetentionOptions Settings => options.Value;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Settings.Enabled)
        {
            var period = Settings.SweepPeriod;
            this.RegisterGrainTimer(SweepOnTimerAsync, new GrainTimerCreationOptions
            {
                // The first sweep soon after a start, so a gateway restarted more often than the period still sweeps.
                DueTime = period < MinimumReminderPeriod ? period : MinimumReminderPeriod,
                Period = period,
                Interleave = false,
                KeepAlive = true,
            });
        }

        return Task.CompletedTask;
    }

    public async Task EnsureRunningAsync()
    {
        if (Settings.Enabled)
        {
            // The sweeps are the timer's; the reminder only brings the grain back, on a survivor when its gateway
            // died, so it ticks at the shortest period rather than waiting up to a sweep period (an hour by default).
            await this.RegisterOrUpdateReminder(WakeReminder, MinimumReminderPeriod, MinimumReminderPeriod);
            return;
        }

        if (await this.GetReminder(WakeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        DeactivateOnIdle();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask; // being active is the point

    public async Task<int> SweepAsync()
    {
        if (!Settings.Enabled)
        {
            return 0;
        }

        var removed = 0;
        while (true)
        {
            var claimed = await store.ClaimExpiredAsync(Settings.Retention, Settings.RetentionBatchSize);
            if (claimed.Count == 0)
            {
                break;
            }

            var cleared = await DeleteArtifactsAsync(claimed);
            removed += await store.DeleteClaimedAsync(cleared);
            await ForgetJobGrainsAsync(cleared);
            if (claimed.Count < Settings.RetentionBatchSize || cleared.Count < claimed.Count)
            {
                break; // a short batch is the last; a failing artifact store is retried by the next sweep
            }
        }

        if (removed > 0)
        {
            LogSwept(removed, Settings.RetentionDays);
        }

        return removed;
    }

    private async Task SweepOnTimerAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SweepAsync();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogSweepFailed(exception);
        }
    }

    /// <summary>Deletes the jobs' artifacts; answers the jobs whose artifacts are gone.</summary>
    private async Task<IReadOnlyCollection<Guid>> DeleteArtifactsAsync(IReadOnlyList<Guid> jobIds)
    {
        var cleared = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        await Parallel.ForEachAsync(jobIds, new ParallelOptions { MaxDegreeOfParallelism = ParallelArtifactDeletes }, async (id, ct) =>
        {
            try
            {
                await artifacts.DeletePrefixAsync(ArtifactKeys.Job(id), ct);
                cleared.Add(id);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                LogArtifactDeleteFailed(exception, id);
            }
        });
        return cleared;
    }

    // A job grain keeps its job in memory once loaded: without this, GET /v1/jobs/{id} would answer a removed job
    // until the activation is collected.
    private async Task ForgetJobGrainsAsync(IReadOnlyCollection<Guid> jobIds) =>
        await Task.WhenAll(jobIds.Select(async id =>
        {
            try
            {
                await GrainFactory.GetGrain<IJobGrain>(id).ForgetAsync();
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                LogForgetFailed(exception, id);
            }
        }));

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention removed {Jobs} jobs finished more than {Days} days ago")]
    private partial void LogSwept(int jobs, double days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A retention sweep failed; the next one retries")]
    private partial void LogSweepFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting the artifacts of expired job {JobId} failed; the next sweep retries")]
    private partial void LogArtifactDeleteFailed(Exception exception, Guid jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the grain of removed job {JobId} to forget it")]
    private partial void LogForgetFailed(Exception exception, Guid jobId);
}
