using AutoScale.Artifacts;
using AutoScale.Engines.Abstractions;
using AutoScale.Interfaces.Catalogue;
using AutoScale.Interfaces.Fleet;
using AutoScale.Interfaces.Work;
using AutoScale.Silo.Engines;
using AutoScale.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace AutoScale.Silo.Synthesis;

/// <summary>
/// The worker silo's one job, as a hosted service: once the silo is up it loads the engine (a worker that cannot tells
/// the scaler why and stops with exit code 3), reports the engine's voices to its pool, then runs the
/// <see cref="PullLoop"/> with a <see cref="ChunkSynthesizer"/> until the host stops (SIGTERM: in-flight chunks finish
/// or are handed back) or the scaler has it drained through its queue (then it stops the process itself).
/// </summary>
public sealed partial class SynthesisAgent(
    IGrainFactory grains,
    ILocalSiloDetails silo,
    SpeechEngineHost engines,
    IArtifactStore artifacts,
    IOptions<WorkerOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILoggerFactory loggers,
    ILogger<SynthesisAgent> logger) : BackgroundService
{
    /// <summary>
    /// Calls to control grains right after joining: this silo may not yet know the cluster's grain types (they live on
    /// the control silo), or the control silo may be restarting. Each call gets 10 s; after 30 s it is given up.
    /// </summary>
    public static readonly Backoff ControlCallRetries = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30));

    private static readonly TimeSpan ControlCallTimeout = TimeSpan.FromSeconds(10);

    private WorkerOptions Settings => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Grain calls need the silo up; the host signals that once every hosted service has started.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        var workerId = silo.SiloAddress.ToParsableString();
        if (await LoadEngineAsync(workerId, stoppingToken) is not { } engine)
        {
            return;
        }

        await TellControlAsync(
            "report the pool's voices", () => PoolVoices.Of(grains, Settings.Pool).ReportAsync(workerId, Reported(engine.Voices)), stoppingToken);
        var queue = WorkQueues.Of(grains, Settings.Pool);
        // Two chunks beyond the engine's slots, one being stored and reported and one waiting, so the engine never waits
        // for a store, a report and a poll between chunks (with none it idled half the time on a busy machine; with one,
        // a fifth when the store and report are slowed down by other load).
        var capacity = Settings.Concurrency ?? engine.Capabilities.MaxConcurrency * engine.Capabilities.MaxBatchSize + 2;
        var synthesizer = new ChunkSynthesizer(
            queue, engine, artifacts, workerId, Settings.PricePerHourUsd, time, loggers.CreateLogger<ChunkSynthesizer>());
        var drainDeadline = TimeSpan.FromSeconds(Math.Max(1, Settings.ShutdownSeconds - 5));
        var loop = new PullLoop(
            queue, Settings.Pool, workerId, capacity, synthesizer.RunAsync, drainDeadline, time, loggers.CreateLogger<PullLoop>());
        LogStarted(workerId, Settings.Pool, engine.Name, capacity);
        if (await loop.RunAsync(stoppingToken))
        {
            lifetime.StopApplication();
        }
    }

    /// <summary>
    /// Loads (and warms up) the engine; the worker pulls work only after that. A worker that cannot load it tells the
    /// scaler why, so the pool is not scaled again with the same image, and stops with exit code 3.
    /// </summary>
    private async Task<ISpeechEngine?> LoadEngineAsync(string workerId, CancellationToken stoppingToken)
    {
        try
        {
            return await engines.LoadAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            var reason = $"worker {Settings.FleetId ?? workerId} cannot load its {Settings.Engine ?? Settings.Pool} engine: {exception.Message}";
            LogCannotServe(exception, Settings.Pool, reason);
            await TellControlAsync(
                "tell the scaler the pool cannot be served",
                () => Scaler.Of(grains).ReportUnservableAsync(Settings.Pool, Settings.FleetId, workerId, reason),
                stoppingToken);
            Environment.ExitCode = 3;
            lifetime.StopApplication();
            return null;
        }
    }

    /// <summary>Calls a control grain with <see cref="ControlCallRetries"/>; gives up with a warning.</summary>
    private async Task TellControlAsync(string what, Func<Task> call, CancellationToken stoppingToken)
    {
        var attempts = 0;
        try
        {
            await ControlCallRetries.RetryAsync(
                token =>
                {
                    attempts++;
                    return call().WaitAsync(ControlCallTimeout, time, token);
                },
                time,
                retrying: null,
                stoppingToken);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException && !stoppingToken.IsCancellationRequested)
        {
            LogReportFailed(exception, what, Settings.Pool, attempts);
        }
    }

    private static IReadOnlyList<ReportedVoice> Reported(IReadOnlyList<EngineVoice> voices) =>
        [.. voices.Select(v => new ReportedVoice { Id = v.Id, Languages = v.Languages, UnavailableReason = v.UnavailableReason })];
}
