using AutoScale.Cluster.GrainDirectories;
using AutoScale.Cluster.Telemetry;
using AutoScale.Grains.Work.Scheduling;
using AutoScale.Interfaces.Jobs;
using AutoScale.Interfaces.Work;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.GrainDirectory;

namespace AutoScale.Grains.Work;

/// <summary>
/// The work queue of one pool: a <see cref="FairWorkQueue"/> in memory, every lease, retry and finish written to
/// <c>job_chunks</c> through <see cref="WorkItemStore"/>, rebuilt from it on activation. Reentrant, so workers'
/// long polls wait without blocking completions; state changes happen between awaits only.
/// </summary>
[GrainDirectory(GrainDirectoryName = ControlGrainDirectory.Name)]
[Reentrant, GrainType(WorkQueues.GrainType)]
public sealed partial class WorkQueueGrain(
    WorkItemStore store, IOptions<WorkQueueOptions> options, TimeProvider time, ILogger<WorkQueueGrain> logger)
    : Grain, IWorkQueueGrain
{
    private static readonly TimeSpan MaxLongPoll = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan ForgetSilentWorkerAfter = TimeSpan.FromSeconds(60);
    private readonly FairWorkQueue _queue = new();
    private readonly HashSet<Guid> _knownJobs = [];
    private FreshChunkTexts _freshTexts = null!;
    private readonly HashSet<Guid> _startedJobs = [];
    private readonly Dictionary<string, WorkerPresence> _workers = [];
    private readonly HashSet<string> _draining = [];
    private long _completedChunks;
    private long _completedCharacters;
    private double _completedEngineSeconds;
    private long _enqueuedCharacters;
    private TaskCompletionSource _workArrived = NewSignal();
    private DateTimeOffset _nextRescan;

    private string Pool => this.GetPrimaryKeyString();

    private WorkQueueOptions Settings => options.Value;

    private RetryPolicy Retry => new(
        TimeSpan.FromSeconds(Settings.RetryBaseSeconds), 2.0, TimeSpan.FromSeconds(Settings.RetryMaxSeconds), 0.1, Settings.MaxAttempts);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _freshTexts = new FreshChunkTexts(Settings.FreshTextCharacters);
        var open = await store.LoadOpenAsync(Pool, cancellationToken);
        Add(open);
        LogRebuilt(Pool, open.Count, _knownJobs.Count);
        _nextRescan = time.GetUtcNow().AddSeconds(Settings.RescanSeconds);
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
            .Select((text, sequence) => new OpenWorkItem(
                job.JobId, sequence, job.TenantId, job.Priority, text.Length, Attempts: 0, NotBefore: null, job.CreatedAt))
            .ToList();
        _freshTexts.Add(job.JobId, [.. job.ChunkTexts.Select((text, sequence) =>
            new LeasedChunkText(job.JobId, sequence, text, job.Voice, job.Speed, job.TenantId, job.TraceParent))]);
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
            var presence = Seen(workerId, now);
            if (_draining.Contains(workerId))
            {
                return [];
            }

            var leases = _queue.Take(workerId, Math.Clamp(max, 1, 256), now, TimeSpan.FromSeconds(Settings.LeaseSeconds));
            if (leases.Count > 0)
            {
                presence.BusyAt = now;
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

    public Task<bool> RenewAsync(Guid leaseId) =>
        Task.FromResult(_queue.Renew(leaseId, time.GetUtcNow(), TimeSpan.FromSeconds(Settings.LeaseSeconds)));

    public async Task CompleteAsync(ChunkCompletion completion)
    {
        if (_workers.TryGetValue(completion.WorkerId, out var presence))
        {
            presence.BusyAt = time.GetUtcNow();
        }

        var key = new WorkItemKey(completion.JobId, completion.Sequence);
        var item = _queue.Find(key);
        var characters = item?.Characters;
        // The row decides: a chunk reported twice (a late worker after a re-lease) is recorded once. Only once the
        // row says done does the chunk leave memory: if the write fails, its lease stays, to be retried or to expire.
        var recorded = await store.CompleteAsync(completion);
        _queue.Remove(key);
        if (recorded)
        {
            if (characters is { } counted)
            {
                _completedChunks++;
                _completedCharacters += counted;
                _completedEngineSeconds += completion.EngineSeconds;
            }

            RecordCompletion(completion, item);

            GrainFactory.GetGrain<IJobGrain>(completion.JobId).ChunkDoneAsync(completion.Sequence).Ignore();
        }

        ForgetJobIfDrained(completion.JobId);
    }

    public async Task FailAsync(Guid leaseId, Guid jobId, int sequence, string reason)
    {
        var outcome = _queue.Fail(leaseId, reason, time.GetUtcNow(), Retry);
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
        await store.ReleaseAsync([.. released.Select(i => (i.Key.JobId, i.Key.Sequence))]);
        Signal();
    }

    public async Task ReleaseWorkerAsync(string workerId)
    {
        _workers.Remove(workerId);
        _draining.Remove(workerId);
        var released = _queue.ReleaseWorker(workerId);
        if (released.Count > 0)
        {
            await store.ReleaseAsync([.. released.Select(i => (i.Key.JobId, i.Key.Sequence))]);
            LogWorkerReleased(workerId, released.Count);
            Signal();
        }
    }

    public async Task CancelJobAsync(Guid jobId)
    {
        _queue.CancelJob(jobId);
        _freshTexts.RemoveJob(jobId);
        _knownJobs.Remove(jobId);
        _startedJobs.Remove(jobId);
        await store.CancelJobAsync(jobId);
    }

    public Task DrainWorkerAsync(string workerId)
    {
        if (_draining.Add(workerId))
        {
            LogDrainRequested(Pool, workerId);
            Signal();
        }

        return Task.CompletedTask;
    }

    public Task<bool> ShouldLeaveAsync(string workerId) => Task.FromResult(_draining.Contains(workerId));

    public Task<QueueStats> GetStatsAsync()
    {
        var leasedBy = new Dictionary<string, int>();
        long leasedCharacters = 0;
        foreach (var lease in _queue.Leases)
        {
            leasedBy[lease.WorkerId] = leasedBy.GetValueOrDefault(lease.WorkerId) + 1;
            leasedCharacters += lease.Item.Characters;
        }

        var workers = _workers.Select(w => new QueueWorker(
            w.Key, leasedBy.GetValueOrDefault(w.Key), w.Value.LastSeenAt, w.Value.BusyAt, _draining.Contains(w.Key))).ToList();
        return Task.FromResult(new QueueStats(Pool, _queue.QueuedCount, _queue.LeasedCount, _queue.QueuedCharacters, _queue.OldestQueuedAt)
        {
            LeasedCharacters = leasedCharacters,
            Workers = workers,
            CompletedChunks = _completedChunks,
            CompletedCharacters = _completedCharacters,
            CompletedEngineSeconds = _completedEngineSeconds,
            EnqueuedCharacters = _enqueuedCharacters,
        });
    }

    private WorkerPresence Seen(string workerId, DateTimeOffset now)
    {
        if (!_workers.TryGetValue(workerId, out var presence))
        {
            presence = new WorkerPresence { BusyAt = now };
            _workers[workerId] = presence;
        }

        presence.LastSeenAt = now;
        return presence;
    }

    private async Task<IReadOnlyList<ChunkLease>> HandOutAsync(IReadOnlyList<WorkLease> leases)
    {
        var byKey = new Dictionary<WorkItemKey, LeasedChunkText>(leases.Count);
        var fresh = new List<(Guid JobId, int Sequence)>();
        var unread = new List<(Guid JobId, int Sequence)>();
        foreach (var lease in leases)
        {
            var key = lease.Item.Key;
            if (_freshTexts.TryTake(key, out var text))
            {
                byKey[key] = text;
                fresh.Add((key.JobId, key.Sequence));
            }
            else
            {
                unread.Add((key.JobId, key.Sequence));
            }
        }

        var workerId = leases[0].WorkerId;
        var expiresAt = leases.Max(l => l.ExpiresAt);
        if (unread.Count > 0)
        {
            foreach (var text in await store.LeaseAsync(unread, workerId, expiresAt))
            {
                byKey[new WorkItemKey(text.JobId, text.Sequence)] = text;
            }
        }

        if (fresh.Count > 0)
        {
            // Fresh chunks leave before their row says leased: the row only informs operators (a rebuilt queue
            // takes queued and leased rows alike, and a completion overtakes the mark), so nobody waits for it.
            MarkLeasedAsync(fresh, workerId, expiresAt).Ignore();
        }
        var handed = new List<ChunkLease>(leases.Count);
        foreach (var lease in leases)
        {
            if (!byKey.TryGetValue(lease.Item.Key, out var text))
            {
                // Its job ended while we waited for the database: nothing to do for it.
                _queue.Remove(lease.Item.Key);
                continue;
            }

            handed.Add(new ChunkLease
            {
                LeaseId = lease.LeaseId,
                JobId = text.JobId,
                Sequence = text.Sequence,
                Text = text.Text,
                Voice = text.Voice,
                Speed = text.Speed,
                Attempt = lease.Item.Attempt,
                ExpiresAt = lease.ExpiresAt,
                TenantId = text.TenantId,
                TraceParent = text.TraceParent,
            });
            if (_startedJobs.Add(text.JobId))
            {
                GrainFactory.GetGrain<IJobGrain>(text.JobId).ChunkLeasedAsync().Ignore();
            }
        }

        return handed;
    }

    private async Task MarkLeasedAsync(IReadOnlyList<(Guid JobId, int Sequence)> keys, string workerId, DateTimeOffset expiresAt)
    {
        try
        {
            await store.MarkLeasedAsync(keys, workerId, expiresAt);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogLeaseMarkFailed(exception, Pool, keys.Count);
        }
    }

    private async Task MaintainAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var expired = _queue.ExpireLeases(now);
        if (expired.Count > 0)
        {
            await store.ReleaseAsync([.. expired.Select(i => (i.Key.JobId, i.Key.Sequence))], cancellationToken);
            LogExpired(Pool, expired.Count);
            Signal();
        }

        ForgetSilentWorkers(now);
        if (now >= _nextRescan)
        {
            _nextRescan = now.AddSeconds(Settings.RescanSeconds);
            var open = await store.LoadOpenAsync(Pool, cancellationToken);
            // Rows that need a worker but are not in memory: a job the queue was never told about, or a chunk whose
            // finish or failure reached memory but not its row (the database was down). Running such a chunk again
            // is safe: its audio goes to the same key, and its row is recorded done once.
            var missed = open.Where(i => _queue.Find(new WorkItemKey(i.JobId, i.Sequence)) is null).ToList();
            if (missed.Count > 0)
            {
                Add(missed);
                LogRescued(Pool, missed.Count);
            }

            await SettleAsync(cancellationToken);
        }

        if (_queue.NextReadyAt is { } readyAt && readyAt <= now)
        {
            Signal();
        }
    }

    /// <summary>
    /// Tells jobs whose chunks have all ended, but that are still open, to settle: the news of their last chunk was
    /// lost (fire-and-forget while the database was briefly down, say). The job grain reads the rows, so a job told
    /// twice settles once.
    /// </summary>
    private async Task SettleAsync(CancellationToken cancellationToken)
    {
        var unsettled = await store.FindUnsettledJobsAsync(Pool, cancellationToken);
        foreach (var job in unsettled)
        {
            var grain = GrainFactory.GetGrain<IJobGrain>(job.JobId);
            if (job.FailedSequence is { } sequence)
            {
                grain.ChunkFailedAsync(sequence, job.FailedError ?? "failed").Ignore();
            }
            else
            {
                grain.SettleAsync().Ignore();
            }
        }

        if (unsettled.Count > 0)
        {
            LogSettled(Pool, unsettled.Count);
        }
    }

    private void ForgetSilentWorkers(DateTimeOffset now)
    {
        if (_workers.Count == 0)
        {
            return;
        }

        var holding = _queue.Leases.Select(l => l.WorkerId).ToHashSet();
        foreach (var (workerId, presence) in _workers.ToList())
        {
            if (now - presence.LastSeenAt > ForgetSilentWorkerAfter && !holding.Contains(workerId))
            {
                _workers.Remove(workerId);
                _draining.Remove(workerId);
            }
        }
    }

    private void Add(IReadOnlyList<OpenWorkItem> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        _queue.Enqueue(items.Select(i => new WorkItem(
            new WorkItemKey(i.JobId, i.Sequence), i.TenantId, i.Priority, i.Characters, i.Attempts, i.NotBefore, i.EnqueuedAt)));
        foreach (var job in items.Select(i => i.JobId).Distinct())
        {
            _knownJobs.Add(job);
        }

        Signal();
    }

    /// <summary>
    /// Chunk metrics are recorded here, where every worker's completions arrive, so the gateway's scrape covers
    /// workers that have no HTTP endpoint of their own.
    /// </summary>
    private void RecordCompletion(ChunkCompletion completion, WorkItem? item)
    {
        var pool = new KeyValuePair<string, object?>("pool", Pool);
        var audioSeconds = completion.SampleRate > 0 ? (double)completion.Samples / completion.SampleRate : 0;
        AutoScaleMetrics.EngineSeconds.Add(completion.EngineSeconds, pool);
        AutoScaleMetrics.AudioSeconds.Add(audioSeconds, pool);
        if (audioSeconds > 0)
        {
            AutoScaleMetrics.RealTimeFactor.Record(completion.EngineSeconds / audioSeconds, pool);
        }

        if (item is not null)
        {
            AutoScaleMetrics.ChunkLatency.Record((time.GetUtcNow() - item.EnqueuedAt).TotalSeconds, pool);
            AutoScaleMetrics.Cost.Add((double)completion.CostUsd, pool, new("tenant", item.TenantId.ToString()));
        }
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Queue {Pool}: worker {WorkerId} told to drain")]
    private partial void LogDrainRequested(string pool, string workerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Queue {Pool} rebuilt: {Chunks} open chunks of {Jobs} jobs")]
    private partial void LogRebuilt(string pool, int chunks, int jobs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chunk {Sequence} of job {JobId} failed (attempt {Attempt}), retrying: {Reason}")]
    private partial void LogRetrying(Guid jobId, int sequence, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Chunk {Sequence} of job {JobId} failed {Attempt} times, giving up: {Reason}")]
    private partial void LogGaveUp(Guid jobId, int sequence, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Put back {Count} chunks leased by {WorkerId}")]
    private partial void LogWorkerReleased(string workerId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Pool}: {Count} leases expired and went back")]
    private partial void LogExpired(string pool, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Pool} found {Count} stored chunks that needed a worker but were not in memory")]
    private partial void LogRescued(string pool, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Pool}: {Count} leased chunks could not be marked leased in their rows")]
    private partial void LogLeaseMarkFailed(Exception exception, string pool, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Pool} found {Count} jobs whose chunks had all ended without the job hearing of it")]
    private partial void LogSettled(string pool, int count);

    private sealed class WorkerPresence
    {
        public DateTimeOffset LastSeenAt { get; set; }

        public DateTimeOffset BusyAt { get; set; }
    }
}
