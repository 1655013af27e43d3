using System.Diagnostics;
using AutoScale.Cluster.Artifacts;
using AutoScale.Engines.Abstractions;
using AutoScale.Interfaces.Catalogue;
using AutoScale.Interfaces.Fleet;
using AutoScale.Interfaces.Work;
using AutoScale.Silo.Engines;
using AutoScale.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace AutoScale.Silo.Synthesis;

/// <summary>
/// The worker silo's puller: leases chunks from its pool's queue (long poll, never busy), runs the engine, stores
/// the audio and reports it. On shutdown it stops taking work, lets in-flight chunks finish within the deadline and
/// hands back the rest. Told to drain by the scaler (through its queue), it does the same and then stops the process.
/// </summary>
public sealed partial class SynthesisAgent(
    IGrainFactory grains,
    ILocalSiloDetails silo,
    SpeechEngineHost engines,
    IArtifactStore artifacts,
    IOptions<WorkerOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<SynthesisAgent> logger) : BackgroundService
{
    private static readonly TimeSpan LongPoll = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan CompletionRetryBudget = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan MaxCompletionRetryDelay = TimeSpan.FromSeconds(4);
    private readonly Dictionary<Guid, Task> _inFlight = [];
    private ISpeechEngine _engine = null!;
    private SemaphoreSlim _engineSlots = null!;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Grain calls need the silo up; the host signals that once every hosted service has started.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        var workerId = silo.SiloAddress.ToParsableString();
        if (!await LoadEngineAsync(workerId, stoppingToken))
        {
            return;
        }

        var engine = _engine;
        await TellControlAsync("report the pool's voices", () => PoolVoices.Of(grains, options.Value.Pool).ReportAsync(workerId, Reported(engine.Voices)), stoppingToken);
        var queue = WorkQueues.Of(grains, options.Value.Pool);
        var capacity = options.Value.Concurrency ?? engine.Capabilities.MaxConcurrency * engine.Capabilities.MaxBatchSize;
        LogStarted(workerId, options.Value.Pool, engine.Name, capacity);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            ForgetFinished();
            if (_inFlight.Count >= capacity)
            {
                await ((Task)Task.WhenAny(_inFlight.Values)).WaitAsync(stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }

            try
            {
                var leases = await queue.TakeAsync(workerId, capacity - _inFlight.Count, LongPoll).WaitAsync(stoppingToken);
                failures = 0;
                if (leases.Count == 0 && await queue.ShouldLeaveAsync(workerId).WaitAsync(stoppingToken))
                {
                    LogLeaving(workerId, _inFlight.Count);
                    await DrainAsync(queue);
                    lifetime.StopApplication();
                    return;
                }

                foreach (var lease in leases)
                {
                    _inFlight[lease.LeaseId] = ProcessAsync(queue, workerId, lease, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // The control silo may be restarting: back off, then ask again.
                failures++;
                LogTakeFailed(exception, options.Value.Pool, failures);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(10_000, 200 * Math.Pow(2, Math.Min(failures, 6)))), stoppingToken)
                    .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        await DrainAsync(queue);
    }

    /// <summary>
    /// Loads (and warms up) the engine; the worker pulls work only after that. A worker that cannot load it tells the
    /// scaler why, so the pool is not scaled again with the same image, and stops with exit code 3.
    /// </summary>
    private async Task<bool> LoadEngineAsync(string workerId, CancellationToken stoppingToken)
    {
        try
        {
            _engine = await engines.LoadAsync(stoppingToken);
            _engineSlots = new SemaphoreSlim(_engine.Capabilities.MaxConcurrency);
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            var reason = $"worker {options.Value.FleetId ?? workerId} cannot load its {options.Value.Engine ?? options.Value.Pool} engine: {exception.Message}";
            LogCannotServe(exception, options.Value.Pool, reason);
            await TellControlAsync(
                "tell the scaler the pool cannot be served",
                () => Scaler.Of(grains).ReportUnservableAsync(options.Value.Pool, options.Value.FleetId, workerId, reason),
                stoppingToken);
            Environment.ExitCode = 3;
            lifetime.StopApplication();
            return false;
        }
    }

    /// <summary>
    /// Calls a control grain, retrying for up to 30 s: right after joining, this silo may not yet know the cluster's grain
    /// types (they live on the control silo) or the control silo may be restarting. Gives up with a warning.
    /// </summary>
    private async Task TellControlAsync(string what, Func<Task> call, CancellationToken stoppingToken)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await call().WaitAsync(TimeSpan.FromSeconds(10), stoppingToken);
                return;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException && !stoppingToken.IsCancellationRequested)
            {
                if (DateTimeOffset.UtcNow >= deadline)
                {
                    LogReportFailed(exception, what, options.Value.Pool, attempt);
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2_000, 100 * attempt)), stoppingToken)
                    .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private static IReadOnlyList<ReportedVoice> Reported(IReadOnlyList<EngineVoice> voices) =>
        [.. voices.Select(v => new ReportedVoice { Id = v.Id, Languages = v.Languages, UnavailableReason = v.UnavailableReason })];

    private async Task ProcessAsync(IWorkQueueGrain queue, string workerId, ChunkLease lease, CancellationToken stoppingToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["JobId"] = lease.JobId, ["TenantId"] = lease.TenantId, ["Sequence"] = lease.Sequence,
        });
        using var span = ChunkSpans.StartChunk(lease, workerId);
        using var dropped = new CancellationTokenSource();
        using var renewal = StartRenewing(queue, lease, dropped);
        try
        {
            await _engineSlots.WaitAsync(dropped.Token);
            SynthesisResult result;
            var clock = Stopwatch.StartNew();
            using (var engineSpan = ChunkSpans.StartEngine(_engine.Name, lease.Text.Length))
            {
                try
                {
                    result = (await _engine.SynthesizeAsync([new SynthesisRequest(lease.Text, lease.Voice, lease.Speed)], dropped.Token))[0];
                }
                finally
                {
                    _engineSlots.Release();
                }

                ChunkSpans.EngineDone(engineSpan, clock.Elapsed.TotalSeconds, result);
            }

            var engineSeconds = clock.Elapsed.TotalSeconds;
            var key = ArtifactKeys.Chunk(lease.JobId, lease.Sequence);
            using (ChunkSpans.StartStore(key))
            await using (var audio = new MemoryStream())
            {
                await AutoScale.Audio.ChunkAudio.WriteAsync(audio, result.Samples, result.SampleRate, CancellationToken.None);
                audio.Position = 0;
                await artifacts.WriteAsync(key, audio, CancellationToken.None);
            }

            await ReportDoneAsync(queue, new ChunkCompletion
            {
                LeaseId = lease.LeaseId,
                JobId = lease.JobId,
                Sequence = lease.Sequence,
                WorkerId = workerId,
                ArtifactKey = key,
                SampleRate = result.SampleRate,
                Samples = result.Samples.Length,
                EngineSeconds = engineSeconds,
                CostUsd = (decimal)(engineSeconds * options.Value.PricePerHourUsd / 3600),
                Words = [.. result.Words.Select(w => new ChunkWord { Text = w.Text, Start = w.Start, End = w.End })],
            }, dropped.Token);
        }
        catch (OperationCanceledException) when (dropped.IsCancellationRequested)
        {
            span?.SetStatus(ActivityStatusCode.Error, "dropped");
            LogDropped(lease.JobId, lease.Sequence);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            span?.AddException(exception).SetStatus(ActivityStatusCode.Error, exception.Message);
            LogChunkFailed(exception, lease.JobId, lease.Sequence);
            await queue.FailAsync(lease.LeaseId, lease.JobId, lease.Sequence, exception.Message);
        }
        finally
        {
            await dropped.CancelAsync();
        }
    }

    /// <summary>
    /// Reports a stored chunk, retrying while the control silo cannot record it (its database briefly down, say): the
    /// audio is already stored, and failing the attempt would spend a retry of the chunk on nothing. The lease is
    /// renewed meanwhile; past the deadline the chunk fails as any other and is retried elsewhere.
    /// </summary>
    private async Task ReportDoneAsync(IWorkQueueGrain queue, ChunkCompletion completion, CancellationToken dropped)
    {
        var deadline = DateTimeOffset.UtcNow + CompletionRetryBudget;
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                await queue.CompleteAsync(completion);
                return;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException && DateTimeOffset.UtcNow + delay < deadline)
            {
                LogCompletionRetry(exception, completion.JobId, completion.Sequence, delay.TotalSeconds);
                await Task.Delay(delay, dropped);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxCompletionRetryDelay.Ticks));
            }
        }
    }

    private Timer StartRenewing(IWorkQueueGrain queue, ChunkLease lease, CancellationTokenSource dropped)
    {
        var period = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, (lease.ExpiresAt - DateTimeOffset.UtcNow).Ticks / 3));
        return new Timer(_ => _ = RenewAsync(), null, period, period);

        async Task RenewAsync()
        {
            try
            {
                if (!dropped.IsCancellationRequested && !await queue.RenewAsync(lease.LeaseId))
                {
                    await dropped.CancelAsync();
                }
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                LogRenewFailed(exception, lease.JobId, lease.Sequence);
            }
        }
    }

    private async Task DrainAsync(IWorkQueueGrain queue)
    {
        ForgetFinished();
        if (_inFlight.Count == 0)
        {
            return;
        }

        var deadline = TimeSpan.FromSeconds(Math.Max(1, options.Value.ShutdownSeconds - 5));
        LogDraining(_inFlight.Count, deadline.TotalSeconds);
        await Task.WhenAll(_inFlight.Values).WaitAsync(deadline).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        ForgetFinished();
        if (_inFlight.Count > 0)
        {
            await queue.ReleaseAsync([.. _inFlight.Keys]);
            LogHandedBack(_inFlight.Count);
        }
    }

    private void ForgetFinished()
    {
        foreach (var finished in _inFlight.Where(pair => pair.Value.IsCompleted).Select(pair => pair.Key).ToList())
        {
            _inFlight.Remove(finished);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reporting chunk {Sequence} of job {JobId} done failed; retrying in {DelaySeconds} s")]
    private partial void LogCompletionRetry(Exception exception, Guid jobId, int sequence, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {WorkerId} pulls from pool {Pool} with engine {Engine}, {Capacity} chunks at a time")]
    private partial void LogStarted(string workerId, string pool, string engine, int capacity);

    [LoggerMessage(Level = LogLevel.Critical, Message = "This worker cannot serve pool {Pool} and stops: {Reason}")]
    private partial void LogCannotServe(Exception exception, string pool, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not {What} (pool {Pool}, {Attempts} attempts)")]
    private partial void LogReportFailed(Exception exception, string what, string pool, int attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {WorkerId} was told to drain: finishing {Count} chunks, then stopping")]
    private partial void LogLeaving(string workerId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Taking work from pool {Pool} failed ({Failures} in a row)")]
    private partial void LogTakeFailed(Exception exception, string pool, int failures);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chunk {Sequence} of job {JobId} dropped: its job was cancelled or its lease lost")]
    private partial void LogDropped(Guid jobId, int sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chunk {Sequence} of job {JobId} failed")]
    private partial void LogChunkFailed(Exception exception, Guid jobId, int sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the lease of chunk {Sequence} of job {JobId} failed")]
    private partial void LogRenewFailed(Exception exception, Guid jobId, int sequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Draining: waiting up to {Seconds} s for {Count} chunks in flight")]
    private partial void LogDraining(int count, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handed {Count} unfinished chunks back to the queue")]
    private partial void LogHandedBack(int count);
}
