using System.Diagnostics;
using AutoScale.Artifacts;
using AutoScale.Audio;
using AutoScale.Engines.Abstractions;
using AutoScale.Interfaces.Work;

namespace AutoScale.Silo.Synthesis;

/// <summary>
/// Works one leased chunk, its lease kept alive meanwhile by a <see cref="LeaseRenewal"/>: the engine speaks it (in
/// one of the engine's <see cref="EngineCapabilities.MaxConcurrency"/> slots), the audio is stored as the chunk's
/// artifact, and the completion (samples, engine seconds, cost, words) is reported to the queue. A chunk whose lease
/// is dropped stops quietly; any other failure is reported to the queue, which retries the chunk or fails its job.
/// Spans: <c>chunk</c> under the job's trace, with <c>engine</c> and <c>store</c> inside.
/// </summary>
public sealed partial class ChunkSynthesizer(
    IWorkQueueGrain queue,
    ISpeechEngine engine,
    IArtifactStore artifacts,
    string workerId,
    double pricePerHourUsd,
    TimeProvider time,
    ILogger logger)
{
    /// <summary>
    /// How a stored chunk's report is retried while the control silo cannot record it (its database briefly down,
    /// say): the audio is already stored, and failing the attempt would spend a retry of the chunk on nothing. The
    /// lease is renewed meanwhile; past the budget the chunk fails as any other and is retried elsewhere.
    /// </summary>
    public static readonly Backoff CompletionRetries = new(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(60));

    private readonly SemaphoreSlim _engineSlots = new(engine.Capabilities.MaxConcurrency);

    /// <summary>Works the chunk to its end: reported done, reported failed, or dropped. Never throws but for out of memory.</summary>
    public async Task RunAsync(ChunkLease lease)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["JobId"] = lease.JobId, ["TenantId"] = lease.TenantId, ["Sequence"] = lease.Sequence,
        });
        using var span = ChunkSpans.StartChunk(lease, workerId);
        await using var renewal = new LeaseRenewal(queue, lease, time, logger);
        try
        {
            var completion = await SpeakAndStoreAsync(lease, renewal.Dropped);
            await CompletionRetries.RetryAsync(
                _ => queue.CompleteAsync(completion),
                time,
                (exception, _, delay) => LogCompletionRetry(exception, lease.JobId, lease.Sequence, delay.TotalSeconds),
                renewal.Dropped);
        }
        catch (OperationCanceledException) when (renewal.Dropped.IsCancellationRequested)
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
    }

    /// <summary>The engine speaks the chunk and its audio is stored; answers what to report.</summary>
    private async Task<ChunkCompletion> SpeakAndStoreAsync(ChunkLease lease, CancellationToken dropped)
    {
        await _engineSlots.WaitAsync(dropped);
        SynthesisResult result;
        var started = time.GetTimestamp();
        using (var engineSpan = ChunkSpans.StartEngine(engine.Name, lease.Text.Length))
        {
            try
            {
                result = (await engine.SynthesizeAsync([new SynthesisRequest(lease.Text, lease.Voice, lease.Speed)], dropped))[0];
            }
            finally
            {
                _engineSlots.Release();
            }

            ChunkSpans.EngineDone(engineSpan, time.GetElapsedTime(started).TotalSeconds, result);
        }

        var engineSeconds = time.GetElapsedTime(started).TotalSeconds;
        var key = ArtifactKeys.Chunk(lease.JobId, lease.Sequence, lease.LeaseId);
        using (ChunkSpans.StartStore(key))
        await using (var audio = new MemoryStream())
        {
            await ChunkAudio.WriteAsync(audio, result.Samples, result.SampleRate, CancellationToken.None);
            audio.Position = 0;
            await artifacts.WriteAsync(key, audio, CancellationToken.None);
        }

        return new ChunkCompletion
        {
            LeaseId = lease.LeaseId,
            JobId = lease.JobId,
            Sequence = lease.Sequence,
            WorkerId = workerId,
            ArtifactKey = key,
            SampleRate = result.SampleRate,
            Samples = result.Samples.Length,
            EngineSeconds = engineSeconds,
            CostUsd = (decimal)(engineSeconds * pricePerHourUsd / 3600),
            Words = [.. result.Words.Select(w => new ChunkWord { Text = w.Text, Start = w.Start, End = w.End })],
        };
    }
}
