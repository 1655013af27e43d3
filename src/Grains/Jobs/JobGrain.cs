using System.Diagnostics;
using AutoScale.Grains.Catalogue;
using AutoScale.Grains.Chunking;
using AutoScale.Grains.Webhooks;
using AutoScale.Hosting.GrainDirectories;
using AutoScale.Interfaces.Jobs;
using AutoScale.Interfaces.Quotas;
using AutoScale.Interfaces.Work;
using Microsoft.Extensions.Logging;
using Orleans.GrainDirectory;

namespace AutoScale.Grains.Jobs;

/// <summary>
/// One job. Its state lives in its own <c>jobs</c> row (typed columns operators can query), loaded on activation and
/// written through before every answer, guarded by the row version so a stray second activation cannot overwrite it.
/// Progress is summed from the job's chunk rows, so a chunk reported twice counts once.
/// </summary>
[GrainDirectory(GrainDirectoryName = ControlGrainDirectory.Jobs)]
public sealed partial class JobGrain(
    JobStore store, WebhookStore webhooks, ModelCatalogue catalogue, TimeProvider time, ILogger<JobGrain> logger) : Grain, IJobGrain
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(20);
    private JobSnapshot? _job;
    private bool _loaded;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The job's tenant once it exists (for log scopes).</summary>
    internal Guid? TenantId => _job?.TenantId;

    public async Task<SubmitResult> SubmitAsync(JobRequest request)
    {
        // A submit activates a grain whose id the gateway has just made: reading the row first would nearly always
        // find nothing, so the insert itself tells whether the job already exists.
        if (_loaded && _job is not null)
        {
            return new SubmitResult(_job, null);
        }

        var model = catalogue.Find(request.Model) ?? throw new ArgumentException($"Unknown model '{request.Model}'.", nameof(request));
        var chunks = TextChunker.Split(request.Text, catalogue.ChunkingFor(request.Model));
        if (chunks.Count == 0)
        {
            throw new ArgumentException("The text has nothing to speak.", nameof(request));
        }

        var job = new JobSnapshot
        {
            Id = this.GetPrimaryKey(),
            TenantId = request.TenantId,
            Status = JobStatus.Queued,
            CreatedAt = Now(),
            Model = request.Model,
            Pool = model.Pool,
            Voice = request.Voice,
            Format = request.Format,
            SampleRate = request.SampleRate,
            Speed = request.Speed,
            Priority = request.Priority,
            Characters = request.Text.Length,
            ChunksTotal = chunks.Count,
            WebhookUrl = request.WebhookUrl,
            MetadataJson = request.MetadataJson,
            IdempotencyKey = request.IdempotencyKey,
            RequestFingerprint = request.RequestFingerprint,
            Version = 1,
        };

        var quota = GrainFactory.GetGrain<ITenantQuotaGrain>(job.TenantId);
        if (await quota.ReserveAsync(job.Id, job.Characters) is { } refusal)
        {
            DeactivateOnIdle();
            return new SubmitResult(null, null, refusal);
        }

        // The current span is this grain call's, a child of the submitting request: workers continue under it.
        var traceParent = Activity.Current?.Id;
        if (await InsertOrReleaseAsync(quota, job, request.Text, chunks, traceParent) is { } existing)
        {
            if (existing == job.Id)
            {
                // This very job was stored by an earlier call (a resent submit): answer with what is stored.
                _loaded = false;
                return new SubmitResult(await LoadedAsync(), null);
            }

            // Another request of the tenant already holds the idempotency key: this grain stays empty, counts nothing.
            await quota.ReleaseAsync(job.Id);
            DeactivateOnIdle();
            return new SubmitResult(null, existing);
        }

        (_job, _loaded) = (job, true);
        LogAccepted(job.Id, job.TenantId, job.Characters, job.ChunksTotal, job.Model);
        await EnqueueAsync(job, [.. chunks.Select(c => c.Slice(request.Text))], traceParent);
        return new SubmitResult(job, null);
    }

    private async Task<Guid?> InsertOrReleaseAsync(
        ITenantQuotaGrain quota, JobSnapshot job, string text, IReadOnlyList<TextChunk> chunks, string? traceParent)
    {
        try
        {
            return await store.InsertAsync(job, text, chunks, traceParent);
        }
        catch
        {
            // Not stored (or not known to be): a resent submit reserves again; a job that was stored after all is
            // found again by the counters' next seed.
            await quota.ReleaseAsync(job.Id);
            throw;
        }
    }

    public async Task<JobSnapshot?> GetAsync()
    {
        if (await LoadedAsync() is null)
        {
            DeactivateOnIdle();
        }

        return _job;
    }

    public async Task<JobSnapshot?> WaitForChangeAsync(int knownVersion, TimeSpan wait)
    {
        if (await LoadedAsync() is null || _job!.Version > knownVersion || _job.Status.IsTerminal())
        {
            return _job;
        }

        // Grain calls time out after 30 s by default: answer well before that and let the caller ask again.
        var limit = wait < MaxWait ? wait : MaxWait;
        await Task.WhenAny(_changed.Task, Task.Delay(limit, time));
        return _job;
    }

    public Task ForgetAsync()
    {
        (_job, _loaded) = (null, false);
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public async Task ChunkLeasedAsync() => await MoveAsync(job => job.Status == JobStatus.Queued
        ? job with { Status = JobStatus.Running, StartedAt = Now() }
        : null);

    public Task ChunkDoneAsync(int sequence) => ProgressFromChunkRowsAsync();

    public Task SettleAsync() => ProgressFromChunkRowsAsync();

    public async Task ChunkFailedAsync(int sequence, string reason)
    {
        var error = new JobError("chunk_failed", $"Chunk {sequence} failed: {reason}");
        await EndAsync(job => job with { Status = JobStatus.Failed, FinishedAt = Now(), Error = error });
    }

    public Task<JobTransition> CancelAsync() => EndAsync(job => job with { Status = JobStatus.Cancelled, FinishedAt = Now() });

    /// <summary>
    /// Progress is summed from the job's done chunk rows (a chunk reported twice counts once); with every chunk done
    /// the job succeeds. A chunk done before the news of any lease still starts the job.
    /// </summary>
    private async Task ProgressFromChunkRowsAsync()
    {
        if (await LoadedAsync() is null || _job!.Status.IsTerminal())
        {
            return;
        }

        var totals = await store.SumFinishedChunksAsync(_job.Id);
        await MoveAsync(job =>
        {
            var progressed = job with
            {
                Status = job.Status == JobStatus.Queued ? JobStatus.Running : job.Status,
                StartedAt = job.StartedAt ?? Now(),
                ChunksDone = totals.ChunksDone,
                AudioSeconds = totals.AudioSeconds,
                GpuSeconds = totals.EngineSeconds,
                CostUsd = totals.CostUsd,
            };
            return totals.ChunksDone < job.ChunksTotal
                ? progressed
                : progressed with { Status = JobStatus.Succeeded, FinishedAt = Now() };
        });
    }

    /// <summary>Moves an open job to a terminal state and takes its remaining chunks out of the queue.</summary>
    private async Task<JobTransition> EndAsync(Func<JobSnapshot, JobSnapshot> end)
    {
        var transition = await MoveAsync(job => job.Status.IsTerminal() ? null : end(job));
        if (transition.Applied)
        {
            await WorkQueues.Of(GrainFactory, transition.Job.Pool).CancelJobAsync(transition.Job.Id);
        }

        return transition;
    }

    private async Task EnqueueAsync(JobSnapshot job, IReadOnlyList<string> chunkTexts, string? traceParent)
    {
        try
        {
            await WorkQueues.Of(GrainFactory, job.Pool).EnqueueJobAsync(new QueuedJob
            {
                JobId = job.Id,
                TenantId = job.TenantId,
                Priority = job.Priority,
                CreatedAt = job.CreatedAt,
                ChunkTexts = chunkTexts,
                Voice = job.Voice,
                Speed = job.Speed,
                TraceParent = traceParent,
            });
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The chunks are stored: the queue picks them up when it next rebuilds or rescans.
            LogEnqueueFailed(exception, job.Id, job.Pool);
        }
    }

    private async Task<JobTransition> MoveAsync(Func<JobSnapshot, JobSnapshot?> transition)
    {
        var current = await LoadedAsync() ?? throw new KeyNotFoundException($"Job {this.GetPrimaryKey()} does not exist.");
        if (transition(current) is not { } next)
        {
            return new JobTransition(false, current);
        }

        next = next with { Version = current.Version + 1 };
        if (!await store.UpdateAsync(next, current.Version))
        {
            // Someone else wrote the row: our copy is stale. Let the next call load the truth.
            DeactivateOnIdle();
            throw new InvalidOperationException($"Job {current.Id} was changed by another activation; retry.");
        }

        _job = next;
        if (next.Status != current.Status)
        {
            LogMoved(next.Id, next.TenantId, current.Status, next.Status);
        }

        if (next.Status.IsTerminal() && next.WebhookUrl is { } webhook)
        {
            await webhooks.ScheduleAsync(next.Id, webhook);
        }

        if (next.Status.IsTerminal())
        {
            await EndQuotaAsync(next);
        }

        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.SetResult();
        return new JobTransition(true, next);
    }

    // A job cancelled before any chunk ran gives its characters back. The ledger heals a lost end by recounting, so a
    // failure here must not undo the job's own move.
    private async Task EndQuotaAsync(JobSnapshot ended)
    {
        try
        {
            var refund = ended.Status == JobStatus.Cancelled && ended.StartedAt is null;
            await GrainFactory.GetGrain<ITenantQuotaGrain>(ended.TenantId).EndedAsync(ended.Id, refund);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogQuotaEndFailed(exception, ended.Id, ended.TenantId);
        }
    }

    private async ValueTask<JobSnapshot?> LoadedAsync()
    {
        if (!_loaded)
        {
            _job = await store.LoadAsync(this.GetPrimaryKey());
            _loaded = true;
        }

        return _job;
    }

    // PostgreSQL keeps microseconds: round here so what the grain holds equals what a reload reads.
    private DateTimeOffset Now()
    {
        var now = time.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
    }
}
