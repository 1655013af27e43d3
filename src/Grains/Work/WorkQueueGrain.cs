using AutoScale.Grains.Work.Scheduling;
using AutoScale.Hosting.GrainDirectories;
using AutoScale.Interfaces.Jobs;
using AutoScale.Interfaces.Work;
using AutoScale.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.GrainDirectory;

namespace AutoScale.Grains.Work;

/// <summary>
/// The work queue of one pool: a <see cref="FairWorkQueue"/> in memory, every lease, retry and finish written to
/// <c>job_chunks</c> through <see cref="WorkItemStore"/>, rebuilt from it on activation. It owns three helpers: its
/// <see cref="ChunkRescuer"/> (expired leases, the rescan, the settle pass) run from its maintenance timer, its
/// <see cref="WorkerRoster"/> (who polls, who was told to drain) and its <see cref="LeaseTexts"/>. Reentrant, so
/// workers' long polls wait without blocking completions; state changes happen between awaits only.
/// </summary>
[GrainDirectory(GrainDirectoryName = ControlGrainDirectory.Name)]
[Reentrant, GrainType(WorkQueues.GrainType)]
public sealed partial class WorkQueueGrain(
    WorkItemStore store, IOptions<WorkQueueOptions> options, IOptions<TelemetryOptions> telemetry, TimeProvider time,
    ILogger<WorkQueueGrain> logger)
    : Grain, IWorkQueueGrain
{
    private static readonly TimeSpan MaxLongPoll = TimeSpan.FromSeconds(20);
    private readonly FairWorkQueue _queue = new();
    private readonly WorkerRoster _roster = new();
    private readonly HashSet<Guid> _knownJobs = [];
    private readonly HashSet<Guid> _startedJobs = [];
    private readonly CompletedWork _completed = new();
    private LeaseTexts _texts = null!;
    private ChunkRescuer _rescuer = null!;
    private long _enqueuedCharacters;
    private TaskCompletionSource _workArrived = NewSignal();

    private string Pool => this.GetPrimaryKeyString();

    private WorkQueueOptions Settings => options.Value;

    private TimeSpan LeaseDuration => TimeSpan.FromSeconds(Settings.LeaseSeconds);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _texts = new LeaseTexts(Pool, new FreshChunkTexts(Settings.FreshTextCharacters), store, logger);
        var open = await store.LoadOpenAsync(Pool, cancellationToken);
        Add(open);
        LogRebuilt(Pool, open.Count, _knownJobs.Count);
        var rescanEvery = TimeSpan.FromSeconds(Settings.RescanSeconds);
        _rescuer = new ChunkRescuer(
            Pool, _queue, store, id => GrainFactory.GetGrain<IJobGrain>(id), Add, Signal, rescanEvery, time.GetUtcNow(), logger);
        this.RegisterGrainTimer(MaintainAsync, new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.FromSeconds(Settings.ExpiryScanSeconds),
            Period = TimeSpan.FromSeconds(Settings.ExpiryScanSeconds),
            Interleave = true,
            KeepAlive = true,
        });
    }

    public Task EnqueueJobAsync(QueuedJob job)
    {
        if (_knownJobs.Contains(job.JobId))
        {
            return Task.CompletedTask;
        }

        var items = job.ChunkTexts
            .Select((text, sequence) => new WorkItem(
                new WorkItemKey(job.JobId, sequence), job.TenantId, job.Priority, text.Length, Attempt: 0, NotBefore: null, job.CreatedAt))
            .ToList();
        _texts.Keep(job);
        _enqueuedCharacters += items.Sum(i => (long)i.Characters);
        Add(items);
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<ChunkLease>> TakeAsync(string workerId, int max, TimeSpan wait)
    {
        var deadline = time.GetUtcNow() + (wait < MaxLongPoll ? wait : MaxLongPoll);
        while (true)
        {
            var now = time.GetUtcNow();
            _roster.Seen(workerId, now);
            if (_roster.IsDraining(workerId))
            {
                return [];
            }

            var leases = _queue.Take(workerId, Math.Clamp(max, 1, 256), now, LeaseDuration);
            if (leases.Count > 0)
            {
                _roster.Busy(workerId, now);
                return await HandOutAsync(leases);
            }

            var remaining = deadline - now;
            if (remaining <= TimeSpan.Zero)
            {
                return [];
            }

            if (_queue.NextReadyAt is { } readyAt && readyAt - now < remaining)
            {
                remaining = readyAt - now + TimeSpan.FromMilliseconds(5);
            }

            await Task.WhenAny(_workArrived.Task, Task.Delay(remaining, time));
        }
    }

    public Task<bool> RenewAsync(Guid leaseId) => Task.FromResult(_queue.Renew(leaseId, time.GetUtcNow(), LeaseDuration));

    public async Task CompleteAsync(ChunkCompletion completion)
    {
        _roster.Busy(completion.WorkerId, time.GetUtcNow());
        var key = new WorkItemKey(completion.JobId, completion.Sequence);
        var item = _queue.Find(key);
        // The row decides: a chunk reported twice (a late worker after a re-lease) is recorded once. Only once the
        // row says done does the chunk leave memory: if the write fails, its lease stays, to be retried or to expire.
        var recorded = await store.CompleteAsync(completion);
        _queue.Remove(key);
        if (recorded)
        {
            if (item is not null)
            {
                _completed.Add(item.Characters, completion.EngineSeconds);
            }

            ChunkMetrics.RecordCompletion(Pool, completion, item, time.GetUtcNow(), telemetry.Value.TenantLabels);
            GrainFactory.GetGrain<IJobGrain>(completion.JobId).ChunkDoneAsync(completion.Sequence).Ignore();
        }

        ForgetJobIfDrained(completion.JobId);
    }

    public async Task FailAsync(Guid leaseId, Guid jobId, int sequence, string reason)
    {
        var outcome = _queue.Fail(leaseId, reason, time.GetUtcNow(), Settings.CreateRetryPolicy());
        switch (outcome.Kind)
        {
            case FailureKind.Retrying:
                await store.RetryLaterAsync(jobId, sequence, outcome.Attempts, outcome.NotBefore!.Value, reason);
                LogRetrying(jobId, sequence, outcome.Attempts, reason);
                Signal();
                break;
            case FailureKind.GaveUp:
                await store.GiveUpAsync(jobId, sequence, outcome.Attempts, reason);
                LogGaveUp(jobId, sequence, outcome.Attempts, reason);
                GrainFactory.GetGrain<IJobGrain>(jobId).ChunkFailedAsync(sequence, reason).Ignore();
                break;
            default:
                break;
        }
    }

    public async Task ReleaseAsync(IReadOnlyList<Guid> leaseIds)
    {
        var released = _queue.Release(leaseIds);
        await store.ReleaseAsync([.. released.Select(i => i.Key)]);
        Signal();
    }

    public async Task ReleaseWorkerAsync(string workerId)
    {
        _roster.Remove(workerId);
        var released = _queue.ReleaseWorker(workerId);
        if (released.Count > 0)
        {
            await store.ReleaseAsync([.. released.Select(i => i.Key)]);
            LogWorkerReleased(workerId, released.Count);
            Signal();
        }
    }

    public async Task CancelJobAsync(Guid jobId)
    {
        _queue.CancelJob(jobId);
        _texts.Forget(jobId);
        _knownJobs.Remove(jobId);
        _startedJobs.Remove(jobId);
        await store.CancelJobAsync(jobId);
    }

    public Task DrainWorkerAsync(string workerId)
    {
        if (_roster.Drain(workerId))
        {
            LogDrainRequested(Pool, workerId);
            Signal();
        }

        return Task.CompletedTask;
    }

    public Task<bool> ShouldLeaveAsync(string workerId) => Task.FromResult(_roster.IsDraining(workerId));

    public Task<QueueStats> GetStatsAsync() =>
        Task.FromResult(new QueueStats(Pool, _queue.QueuedCount, _queue.LeasedCount, _queue.QueuedCharacters, _queue.OldestQueuedAt)
        {
            LeasedCharacters = _queue.Leases.Sum(l => (long)l.Item.Characters),
            Workers = _roster.Snapshot(_queue.Leases),
            CompletedChunks = _completed.Chunks,
            CompletedCharacters = _completed.Characters,
            CompletedEngineSeconds = _completed.EngineSeconds,
            EnqueuedCharacters = _enqueuedCharacters,
        });

    private async Task<IReadOnlyList<ChunkLease>> HandOutAsync(IReadOnlyList<WorkLease> leases)
    {
        var texts = await _texts.ForAsync(leases);
        var handed = new List<ChunkLease>(leases.Count);
        foreach (var lease in leases)
        {
            if (!texts.TryGetValue(lease.Item.Key, out var text))
            {
                // Its job ended while we waited for the database: nothing to do for it.
                _queue.Remove(lease.Item.Key);
                continue;
            }

            handed.Add(text.HandedOutAs(lease));
            if (_startedJobs.Add(text.JobId))
            {
                GrainFactory.GetGrain<IJobGrain>(text.JobId).ChunkLeasedAsync().Ignore();
            }
        }

        return handed;
    }

    private async Task MaintainAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await _rescuer.ExpireLeasesAsync(now, cancellationToken);
        _roster.ForgetSilent(now, _queue.Leases);
        await _rescuer.RescanIfDueAsync(now, cancellationToken);
        if (_queue.NextReadyAt is { } readyAt && readyAt <= now)
        {
            Signal();
        }
    }

    private void Add(IReadOnlyList<WorkItem> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        _queue.Enqueue(items);
        foreach (var job in items.Select(i => i.Key.JobId).Distinct())
        {
            _knownJobs.Add(job);
        }

        Signal();
    }

    private void ForgetJobIfDrained(Guid jobId)
    {
        if (!_queue.HasWork(jobId))
        {
            _knownJobs.Remove(jobId);
            _startedJobs.Remove(jobId);
        }
    }

    private void Signal()
    {
        var arrived = _workArrived;
        _workArrived = NewSignal();
        arrived.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
