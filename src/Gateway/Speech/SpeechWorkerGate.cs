using System.Globalization;
using AutoScale.Gateway.Catalogue;
using AutoScale.Interfaces.Fleet;
using AutoScale.Interfaces.Jobs;
using AutoScale.Interfaces.Work;
using Microsoft.Extensions.Options;

namespace AutoScale.Gateway.Speech;

/// <summary>
/// Keeps a speech request from hanging on a model nobody serves: before the job, it asks the scaler whether the model's
/// pool can get a worker at all; after submitting, while no worker has taken any of the job's chunks, it waits at most
/// <see cref="SpeechOptions.WorkerWaitSeconds"/>. (<c>POST /v1/jobs</c> keeps accepting durably and waiting.)
/// </summary>
public sealed partial class SpeechWorkerGate(IGrainFactory grains, IOptions<SpeechOptions> options, TimeProvider time, ILogger<SpeechWorkerGate> logger)
{
    private static readonly TimeSpan ScalerWait = TimeSpan.FromSeconds(2);

    public TimeSpan WorkerWait => TimeSpan.FromSeconds(options.Value.WorkerWaitSeconds);

    /// <summary>
    /// The pool's availability as the scaler last saw it, and its observed boot time; <see cref="ModelAvailability.Unknown"/>
    /// when the scaler does not answer in time (the request then waits within the bound, as for a starting worker).
    /// </summary>
    public async Task<(ModelAvailability Availability, double BootSeconds)> CheckAsync(string pool, CancellationToken cancellationToken)
    {
        FleetOverview? fleet = null;
        try
        {
            fleet = await Scaler.Of(grains).GetOverviewAsync().WaitAsync(ScalerWait, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogScalerSilent(exception, pool);
        }

        var availability = ModelAvailability.Of(pool, fleet);
        if (availability.Status == ModelAvailability.Unavailable && fleet?.Pools.FirstOrDefault(p => p.Pool == pool)?.UnservableReason is null
            && await PollingWorkersAsync(pool, cancellationToken) is > 0 and var polling)
        {
            // The scaler ticks every second or two: a worker may have started pulling since (or the scaler just started).
            availability = new ModelAvailability(ModelAvailability.Serving, polling, null);
        }

        return (availability, fleet?.Pools.FirstOrDefault(p => p.Pool == pool)?.BootSeconds ?? 0);
    }

    /// <summary>Workers pulling from the pool's queue right now, as the queue itself knows them (not draining).</summary>
    private async Task<int> PollingWorkersAsync(string pool, CancellationToken cancellationToken)
    {
        try
        {
            var stats = await WorkQueues.Of(grains, pool).GetStatsAsync().WaitAsync(ScalerWait, cancellationToken);
            return stats.Workers.Count(w => !w.Draining);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogScalerSilent(exception, pool);
            return 0;
        }
    }

    /// <summary>
    /// Waits until a worker has taken one of the job's chunks (or the job ended), at most <see cref="WorkerWait"/>. Null
    /// when it got that far; otherwise the job is cancelled and the answer is a 503 with <c>Retry-After</c> (the rest of
    /// the boot time), or nothing when the client went away meanwhile.
    /// </summary>
    public async Task<IResult?> HoldUntilWorkerAsync(string model, double bootSeconds, IJobGrain grain, JobSnapshot job, HttpContext context)
    {
        var deadline = time.GetUtcNow() + WorkerWait;
        try
        {
            while (job.Status == JobStatus.Queued && deadline - time.GetUtcNow() is { Ticks: > 0 } left)
            {
                job = await grain.WaitForChangeAsync(job.Version, left).WaitAsync(context.RequestAborted) ?? job;
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            await grain.CancelAsync();
            return Results.Empty;
        }

        if (job.Status != JobStatus.Queued)
        {
            return null;
        }

        await grain.CancelAsync();
        var waited = (int)WorkerWait.TotalSeconds;
        var retryAfter = (int)Math.Clamp(Math.Ceiling(bootSeconds - waited), 1, 300);
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        LogNoWorker(job.Id, model, waited);
        return OpenAiErrors.NoWorkerYet(model, waited, retryAfter);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Speech job {JobId} cancelled: no {Model} worker took it within {Seconds} s")]
    private partial void LogNoWorker(Guid jobId, string model, int seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The scaler did not say whether pool {Pool} has workers; the speech request waits for one within its bound")]
    private partial void LogScalerSilent(Exception exception, string pool);
}
