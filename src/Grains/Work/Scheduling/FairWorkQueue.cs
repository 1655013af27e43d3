namespace AutoScale.Grains.Work.Scheduling;

/// <summary>
/// A pool's pending and leased chunks, in memory, with the order workers get them in:
/// <list type="number">
/// <item>priority class first (interactive, normal, batch; a lower class waits while a higher one has ready work);</item>
/// <item>within a class, round-robin across tenants with ready work, one chunk per turn, so a tenant's 3-hour job
/// never holds back another tenant's sentence;</item>
/// <item>within a tenant, a job none of whose chunks was taken yet goes first (its first chunk starts the audio),
/// then round-robin across the tenant's jobs;</item>
/// <item>within a job, lowest sequence first — so a chunk put back (expired or released lease) is next again.</item>
/// </list>
/// Chunks waiting out a retry backoff are held aside until their time. Not thread-safe: the queue grain owns it.
/// </summary>
public sealed class FairWorkQueue
{
    private readonly Dictionary<WorkItemKey, WorkItem> _queued = [];
    private readonly Dictionary<Guid, WorkLease> _leases = [];
    private readonly Dictionary<WorkItemKey, Guid> _leaseOfKey = [];
    private readonly Dictionary<Guid, JobLine> _jobs = [];
    private readonly PriorityClass[] _classes = [new(), new(), new()];
    private readonly PriorityQueue<WorkItemKey, DateTimeOffset> _delayed = new();

    public int QueuedCount => _queued.Count;

    public int LeasedCount => _leases.Count;

    public long QueuedCharacters { get; private set; }

    /// <summary>The current leases (for per-worker figures; enumerate, do not keep).</summary>
    public IEnumerable<WorkLease> Leases => _leases.Values;

    public DateTimeOffset? OldestQueuedAt => _queued.Count == 0 ? null : _queued.Values.Min(i => i.EnqueuedAt);

    /// <summary>When the earliest chunk in backoff becomes ready, if any.</summary>
    public DateTimeOffset? NextReadyAt => _delayed.TryPeek(out _, out var at) ? at : null;

    /// <summary>Whether the job has chunks queued or leased here.</summary>
    public bool HasWork(Guid jobId) => _jobs.ContainsKey(jobId);

    /// <summary>Adds chunks; a chunk already queued or leased is ignored.</summary>
    public void Enqueue(IEnumerable<WorkItem> items)
    {
        foreach (var item in items)
        {
            if (!_queued.ContainsKey(item.Key) && !_leaseOfKey.ContainsKey(item.Key))
            {
                Queue(item);
            }
        }
    }

    /// <summary>Leases up to <paramref name="max"/> ready chunks to a worker, in the order described above.</summary>
    public IReadOnlyList<WorkLease> Take(string workerId, int max, DateTimeOffset now, TimeSpan leaseDuration)
    {
        PromoteDue(now);
        var leases = new List<WorkLease>();
        foreach (var priorityClass in _classes)
        {
            while (leases.Count < max && priorityClass.NextTenant() is { } tenant)
            {
                var job = tenant.NextJob();
                if (job.Ready.Count == 0)
                {
                    priorityClass.Requeue(tenant);
                    continue;
                }

                var sequence = job.Ready.Min;
                job.Ready.Remove(sequence);
                job.Taken = true;
                tenant.Requeue(job);
                priorityClass.Requeue(tenant);
                var key = new WorkItemKey(job.JobId, sequence);
                var item = _queued[key];
                _queued.Remove(key);
                QueuedCharacters -= item.Characters;
                job.Queued--;
                var lease = new WorkLease(Guid.NewGuid(), item, workerId, now + leaseDuration);
                _leases[lease.LeaseId] = lease;
                _leaseOfKey[key] = lease.LeaseId;
                job.Leased++;
                leases.Add(lease);
            }
        }

        return leases;
    }

    /// <summary>Extends a current lease; false when it is not current any more (drop the chunk).</summary>
    public bool Renew(Guid leaseId, DateTimeOffset now, TimeSpan leaseDuration)
    {
        if (!_leases.TryGetValue(leaseId, out var lease))
        {
            return false;
        }

        _leases[leaseId] = lease with { ExpiresAt = now + leaseDuration };
        return true;
    }

    /// <summary>The length of a queued or leased chunk's text, if it is here.</summary>
    public int? CharactersOf(WorkItemKey key) =>
        _leaseOfKey.TryGetValue(key, out var leaseId) ? _leases[leaseId].Item.Characters
        : _queued.TryGetValue(key, out var item) ? item.Characters
        : null;

    /// <summary>A queued or leased chunk, if it is here.</summary>
    public WorkItem? Find(WorkItemKey key) =>
        _leaseOfKey.TryGetValue(key, out var leaseId) ? _leases[leaseId].Item : _queued.GetValueOrDefault(key);

    /// <summary>Forgets a chunk for good (finished), whether queued or leased.</summary>
    public void Remove(WorkItemKey key)
    {
        if (_leaseOfKey.Remove(key, out var leaseId))
        {
            _leases.Remove(leaseId);
            if (_jobs.TryGetValue(key.JobId, out var job))
            {
                job.Leased--;
            }
        }

        if (_queued.Remove(key, out var item))
        {
            QueuedCharacters -= item.Characters;
            if (_jobs.TryGetValue(key.JobId, out var job))
            {
                job.Ready.Remove(key.Sequence);
                job.Queued--;
                if (job.Ready.Count == 0)
                {
                    job.Tenant.Remove(job);
                }
            }
        }

        ForgetJobIfEmpty(key.JobId);
    }

    /// <summary>A failed attempt: queued again after a backoff, or given up after the last attempt.</summary>
    public FailureOutcome Fail(Guid leaseId, string reason, DateTimeOffset now, RetryPolicy policy)
    {
        if (!_leases.Remove(leaseId, out var lease))
        {
            return new FailureOutcome(FailureKind.Stale, 0, null);
        }

        var key = lease.Item.Key;
        _leaseOfKey.Remove(key);
        _jobs[key.JobId].Leased--;
        var attempts = lease.Item.Attempt + 1;
        if (attempts >= policy.MaxAttempts)
        {
            ForgetJobIfEmpty(key.JobId);
            return new FailureOutcome(FailureKind.GaveUp, attempts, null);
        }

        var notBefore = now + policy.NextDelay(attempts);
        Queue(lease.Item with { Attempt = attempts, NotBefore = notBefore });
        return new FailureOutcome(FailureKind.Retrying, attempts, notBefore);
    }

    /// <summary>Hands leased chunks back unfinished; returns them.</summary>
    public IReadOnlyList<WorkItem> Release(IEnumerable<Guid> leaseIds) =>
        [.. leaseIds.Select(ReleaseLease).OfType<WorkItem>()];

    /// <summary>Every chunk a worker holds goes back at once; returns them.</summary>
    public IReadOnlyList<WorkItem> ReleaseWorker(string workerId) =>
        Release([.. _leases.Values.Where(l => l.WorkerId == workerId).Select(l => l.LeaseId)]);

    /// <summary>Leases past their expiry go back; returns their chunks.</summary>
    public IReadOnlyList<WorkItem> ExpireLeases(DateTimeOffset now) =>
        Release([.. _leases.Values.Where(l => l.ExpiresAt <= now).Select(l => l.LeaseId)]);

    /// <summary>Removes a job's queued chunks and its leases (their renewals then fail).</summary>
    public void CancelJob(Guid jobId)
    {
        foreach (var key in _queued.Keys.Where(k => k.JobId == jobId).Concat(_leaseOfKey.Keys.Where(k => k.JobId == jobId)).ToList())
        {
            Remove(key);
        }

        if (_jobs.Remove(jobId, out var job))
        {
            job.Tenant.Remove(job);
        }
    }

    private WorkItem? ReleaseLease(Guid leaseId)
    {
        if (!_leases.Remove(leaseId, out var lease))
        {
            return null;
        }

        _leaseOfKey.Remove(lease.Item.Key);
        _jobs[lease.Item.Key.JobId].Leased--;
        Queue(lease.Item with { NotBefore = null });
        return lease.Item;
    }

    private void Queue(WorkItem item)
    {
        _queued[item.Key] = item;
        QueuedCharacters += item.Characters;
        var job = JobLineOf(item);
        job.Queued++;
        if (item.NotBefore is { } notBefore)
        {
            _delayed.Enqueue(item.Key, notBefore);
        }
        else
        {
            MakeReady(job, item.Key.Sequence);
        }
    }

    private void PromoteDue(DateTimeOffset now)
    {
        while (_delayed.TryPeek(out var key, out var at) && at <= now)
        {
            _delayed.Dequeue();
            if (_queued.TryGetValue(key, out var item) && item.NotBefore is not null && _jobs.TryGetValue(key.JobId, out var job))
            {
                _queued[key] = item with { NotBefore = null };
                MakeReady(job, key.Sequence);
            }
        }
    }

    private void MakeReady(JobLine job, int sequence)
    {
        job.Ready.Add(sequence);
        job.Tenant.Activate(job);
        job.Tenant.Class.Activate(job.Tenant);
    }

    private JobLine JobLineOf(WorkItem item)
    {
        if (!_jobs.TryGetValue(item.Key.JobId, out var job))
        {
            var priorityClass = _classes[(int)item.Priority];
            job = new JobLine(item.Key.JobId, priorityClass.TenantOf(item.TenantId, priorityClass));
            _jobs[item.Key.JobId] = job;
        }

        return job;
    }

    private void ForgetJobIfEmpty(Guid jobId)
    {
        if (_jobs.TryGetValue(jobId, out var job) && job.Queued == 0 && job.Leased == 0)
        {
            _jobs.Remove(jobId);
            job.Tenant.Remove(job);
        }
    }

    private sealed class PriorityClass
    {
        private readonly Dictionary<Guid, TenantLine> _tenants = [];
        private readonly LinkedList<TenantLine> _ring = new();

        public TenantLine TenantOf(Guid tenantId, PriorityClass self)
        {
            if (!_tenants.TryGetValue(tenantId, out var tenant))
            {
                tenant = new TenantLine(self);
                _tenants[tenantId] = tenant;
            }

            return tenant;
        }

        public void Activate(TenantLine tenant)
        {
            if (tenant.RingNode is null && tenant.HasReady)
            {
                tenant.RingNode = _ring.AddLast(tenant);
            }
        }

        public TenantLine? NextTenant()
        {
            while (_ring.First is { } node)
            {
                _ring.RemoveFirst();
                node.Value.RingNode = null;
                if (node.Value.HasReady)
                {
                    return node.Value;
                }
            }

            return null;
        }

        public void Requeue(TenantLine tenant) => Activate(tenant);
    }

    private sealed class TenantLine(PriorityClass priorityClass)
    {
        private readonly LinkedList<JobLine> _fresh = new();
        private readonly LinkedList<JobLine> _ring = new();

        public PriorityClass Class { get; } = priorityClass;

        public LinkedListNode<TenantLine>? RingNode { get; set; }

        public bool HasReady => _fresh.Count > 0 || _ring.Count > 0;

        public void Activate(JobLine job)
        {
            if (job.Node is null)
            {
                job.Node = job.Taken ? _ring.AddLast(job) : _fresh.AddLast(job);
            }
        }

        public JobLine NextJob()
        {
            var node = _fresh.First ?? _ring.First!;
            node.List!.Remove(node);
            node.Value.Node = null;
            return node.Value;
        }

        public void Requeue(JobLine job)
        {
            if (job.Ready.Count > 0)
            {
                Activate(job);
            }
        }

        public void Remove(JobLine job)
        {
            job.Node?.List?.Remove(job.Node);
            job.Node = null;
        }
    }

    private sealed class JobLine(Guid jobId, TenantLine tenant)
    {
        public Guid JobId { get; } = jobId;

        public TenantLine Tenant { get; } = tenant;

        public SortedSet<int> Ready { get; } = [];

        public LinkedListNode<JobLine>? Node { get; set; }

        public bool Taken { get; set; }

        /// <summary>Chunks queued here, ready or in backoff.</summary>
        public int Queued { get; set; }

        public int Leased { get; set; }
    }
}
