using AutoScale.Grains.Catalogue;
using AutoScale.Grains.Chunking;
using AutoScale.Interfaces.Jobs;
using Microsoft.Extensions.Logging;

namespace AutoScale.Grains.Jobs;

/// <summary>
/// One job. Its state lives in its own <c>jobs</c> row (typed columns operators can query), loaded on activation and
/// written through before every answer, guarded by the row version so a stray second activation cannot overwrite it.
/// </summary>
public sealed partial class JobGrain(
    JobStore store, ModelCatalogue catalogue, TimeProvider time, ILogger<JobGrain> logger) : Grain, IJobGrain
{
    private JobSnapshot? _job;
    private int _version;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (await store.LoadAsync(this.GetPrimaryKey(), cancellationToken) is { } stored)
        {
            (_job, _version) = stored;
        }
    }

    public async Task<SubmitResult> SubmitAsync(JobRequest request)
    {
        if (_job is not null)
        {
            return new SubmitResult(_job, null);
        }

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
            Voice = request.Voice,
            Format = request.Format,
            Speed = request.Speed,
            Priority = request.Priority,
            Characters = request.Text.Length,
            ChunksTotal = chunks.Count,
            WebhookUrl = request.WebhookUrl,
            MetadataJson = request.MetadataJson,
            IdempotencyKey = request.IdempotencyKey,
            RequestFingerprint = request.RequestFingerprint,
        };

        if (await store.InsertAsync(job, request.Text, chunks) is { } existing)
        {
            // Another request of the tenant already holds the idempotency key: this grain stays empty.
            DeactivateOnIdle();
            return new SubmitResult(null, existing);
        }

        (_job, _version) = (job, 1);
        LogAccepted(job.Id, job.TenantId, job.Characters, job.ChunksTotal, job.Model);
        return new SubmitResult(job, null);
    }

    public Task<JobSnapshot?> GetAsync()
    {
        if (_job is null)
        {
            DeactivateOnIdle();
        }

        return Task.FromResult(_job);
    }

    public async Task<IReadOnlyList<JobChunk>> GetChunksAsync() =>
        _job is null ? [] : await store.LoadChunksAsync(_job.Id);

    public Task<JobTransition> StartAsync() => MoveAsync(job => job.Status == JobStatus.Queued
        ? job with { Status = JobStatus.Running, StartedAt = Now() }
        : null);

    public Task<JobTransition> SucceedAsync(JobOutcome outcome) => MoveAsync(job => job.Status == JobStatus.Running
        ? job with
        {
            Status = JobStatus.Succeeded,
            FinishedAt = Now(),
            ChunksDone = job.ChunksTotal,
            AudioSeconds = outcome.AudioSeconds,
            GpuSeconds = outcome.GpuSeconds,
            CostUsd = outcome.CostUsd,
        }
        : null);

    public Task<JobTransition> FailAsync(JobError error) => MoveAsync(job => job.Status.IsTerminal()
        ? null
        : job with { Status = JobStatus.Failed, FinishedAt = Now(), Error = error });

    public Task<JobTransition> CancelAsync() => MoveAsync(job => job.Status.IsTerminal()
        ? null
        : job with { Status = JobStatus.Cancelled, FinishedAt = Now() });

    private async Task<JobTransition> MoveAsync(Func<JobSnapshot, JobSnapshot?> transition)
    {
        var current = _job ?? throw new KeyNotFoundException($"Job {this.GetPrimaryKey()} does not exist.");
        if (transition(current) is not { } next)
        {
            return new JobTransition(false, current);
        }

        if (!await store.UpdateAsync(next, _version))
        {
            // Someone else wrote the row: our copy is stale. Let the next call load the truth.
            DeactivateOnIdle();
            throw new InvalidOperationException($"Job {current.Id} was changed by another activation; retry.");
        }

        (_job, _version) = (next, _version + 1);
        LogMoved(next.Id, next.TenantId, current.Status, next.Status);
        return new JobTransition(true, next);
    }

    // PostgreSQL keeps microseconds: round here so what the grain holds equals what a reload reads.
    private DateTimeOffset Now()
    {
        var now = time.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} of tenant {TenantId} accepted: {Characters} characters in {Chunks} chunks for {Model}")]
    private partial void LogAccepted(Guid jobId, Guid tenantId, int characters, int chunks, string model);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} of tenant {TenantId}: {From} -> {To}")]
    private partial void LogMoved(Guid jobId, Guid tenantId, JobStatus from, JobStatus to);
}
