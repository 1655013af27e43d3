using AutoScale.Grains.Work.Scheduling;
using AutoScale.Interfaces.Jobs;

namespace AutoScale.Grains.Tests.Work;

public sealed class FairWorkQueueTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly RetryPolicy Retry = new(TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(10), 0, 3);

    private static List<WorkItem> Job(Guid tenant, int chunks, JobPriority priority = JobPriority.Normal, Guid? jobId = null)
    {
        var id = jobId ?? Guid.NewGuid();
        return [.. Enumerable.Range(0, chunks).Select(i => new WorkItem(new WorkItemKey(id, i), tenant, priority, 100, 0, null, Start))];
    }

    private static WorkLease TakeOne(FairWorkQueue queue, DateTimeOffset? now = null) =>
        queue.Take("w", 1, now ?? Start, Lease).Single();

    [Fact]
    public void Another_tenants_single_chunk_is_served_within_the_first_takes_behind_a_thousand()
    {
        var queue = new FairWorkQueue();
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        queue.Enqueue(Job(a, 1_000));
        var single = Job(b, 1);
        queue.Enqueue(single);

        var firstTwo = Enumerable.Range(0, 2).Select(_ => TakeOne(queue).Item.TenantId).ToList();

        Assert.Contains(b, firstTwo);
    }

    [Fact]
    public void Tenants_take_turns_one_chunk_each()
    {
        var queue = new FairWorkQueue();
        var tenants = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        foreach (var tenant in tenants)
        {
            queue.Enqueue(Job(tenant, 10));
        }

        var order = queue.Take("w", 9, Start, Lease).Select(l => l.Item.TenantId).ToList();

        Assert.Equal([.. tenants, .. tenants, .. tenants], order);
    }

    [Fact]
    public void A_higher_priority_chunk_goes_before_earlier_lower_ones()
    {
        var queue = new FairWorkQueue();
        queue.Enqueue(Job(Guid.NewGuid(), 500));
        var urgent = Job(Guid.NewGuid(), 1, JobPriority.Interactive);
        queue.Enqueue(urgent);

        Assert.Equal(urgent[0].Key, TakeOne(queue).Item.Key);
    }

    [Fact]
    public void A_new_jobs_first_chunk_goes_before_the_tenants_running_job()
    {
        var queue = new FairWorkQueue();
        var tenant = Guid.NewGuid();
        queue.Enqueue(Job(tenant, 100));
        TakeOne(queue);
        var fresh = Job(tenant, 100);
        queue.Enqueue(fresh);

        Assert.Equal(fresh[0].Key, TakeOne(queue).Item.Key);
    }

    [Fact]
    public void A_jobs_chunks_come_in_sequence_order()
    {
        var queue = new FairWorkQueue();
        var job = Job(Guid.NewGuid(), 5);
        queue.Enqueue(job.AsEnumerable().Reverse());

        Assert.Equal([0, 1, 2, 3, 4], queue.Take("w", 5, Start, Lease).Select(l => l.Item.Key.Sequence));
    }

    [Fact]
    public void An_expired_lease_goes_back_to_the_front_and_is_leased_again()
    {
        var queue = new FairWorkQueue();
        queue.Enqueue(Job(Guid.NewGuid(), 3));
        var first = TakeOne(queue);

        var expired = queue.ExpireLeases(Start + Lease);
        var again = TakeOne(queue, Start + Lease);

        Assert.Equal([first.Item.Key], expired.Select(i => i.Key));
        Assert.Equal(first.Item.Key, again.Item.Key);
        Assert.False(queue.Renew(first.LeaseId, Start + Lease, Lease));
        Assert.True(queue.Renew(again.LeaseId, Start + Lease, Lease));
    }

    [Fact]
    public void Releasing_a_worker_puts_back_exactly_its_leases()
    {
        var queue = new FairWorkQueue();
        queue.Enqueue(Job(Guid.NewGuid(), 4));
        var mine = queue.Take("dead", 2, Start, Lease);
        queue.Take("alive", 1, Start, Lease);

        var released = queue.ReleaseWorker("dead");

        Assert.Equal(mine.Select(l => l.Item.Key.Sequence).Order(), released.Select(i => i.Key.Sequence).Order());
        Assert.Equal(1, queue.LeasedCount);
        Assert.Equal(3, queue.QueuedCount);
    }

    [Fact]
    public void A_failed_chunk_waits_out_its_backoff_then_gives_up_after_the_last_attempt()
    {
        var queue = new FairWorkQueue();
        queue.Enqueue(Job(Guid.NewGuid(), 1));

        var first = queue.Fail(TakeOne(queue).LeaseId, "boom", Start, Retry);
        var tooEarly = queue.Take("w", 1, Start + TimeSpan.FromSeconds(0.5), Lease);
        var second = queue.Fail(TakeOne(queue, Start + TimeSpan.FromSeconds(1)).LeaseId, "boom", Start + TimeSpan.FromSeconds(1), Retry);
        var third = queue.Fail(TakeOne(queue, Start + TimeSpan.FromSeconds(3)).LeaseId, "boom", Start + TimeSpan.FromSeconds(3), Retry);

        Assert.Equal((FailureKind.Retrying, 1, Start + TimeSpan.FromSeconds(1)), (first.Kind, first.Attempts, first.NotBefore));
        Assert.Empty(tooEarly);
        Assert.Equal(FailureKind.Retrying, second.Kind);
        Assert.Equal((FailureKind.GaveUp, 3), (third.Kind, third.Attempts));
        Assert.Equal(0, queue.QueuedCount + queue.LeasedCount);
    }

    [Fact]
    public void Retry_delays_grow_exponentially_up_to_the_cap_within_the_jitter()
    {
        var policy = new RetryPolicy(TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(10), 0.1, 5);
        var random = new Random(7);

        var delays = Enumerable.Range(1, 6).Select(n => policy.NextDelay(n, random).TotalSeconds).ToList();

        var expected = new[] { 1.0, 2, 4, 8, 10, 10 };
        Assert.All(delays.Zip(expected), pair => Assert.InRange(pair.First, pair.Second * 0.9, pair.Second * 1.1));
    }

    [Fact]
    public void Cancelling_a_job_removes_its_queued_chunks_and_voids_its_leases()
    {
        var queue = new FairWorkQueue();
        var job = Job(Guid.NewGuid(), 5);
        queue.Enqueue(job);
        var lease = TakeOne(queue);

        queue.CancelJob(job[0].Key.JobId);

        Assert.Equal(0, queue.QueuedCount);
        Assert.False(queue.Renew(lease.LeaseId, Start, Lease));
        Assert.Equal(FailureKind.Stale, queue.Fail(lease.LeaseId, "late", Start, Retry).Kind);
        Assert.False(queue.HasWork(job[0].Key.JobId));
    }

    [Fact]
    public void Enqueuing_a_queued_or_leased_chunk_again_changes_nothing()
    {
        var queue = new FairWorkQueue();
        var job = Job(Guid.NewGuid(), 3);
        queue.Enqueue(job);
        TakeOne(queue);

        queue.Enqueue(job);

        Assert.Equal((2, 1), (queue.QueuedCount, queue.LeasedCount));
    }

    [Fact]
    public void A_hundred_thousand_chunks_drain_exactly_once_each()
    {
        var queue = new FairWorkQueue();
        var tenants = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid()).ToList();
        foreach (var tenant in tenants)
        {
            for (var j = 0; j < 20; j++)
            {
                queue.Enqueue(Job(tenant, 100));
            }
        }

        var seen = new HashSet<WorkItemKey>();
        while (queue.Take("w", 8, Start, Lease) is { Count: > 0 } leases)
        {
            foreach (var lease in leases)
            {
                Assert.True(seen.Add(lease.Item.Key), $"{lease.Item.Key} was handed out twice");
                queue.Remove(lease.Item.Key);
            }
        }

        Assert.Equal(100_000, seen.Count);
        Assert.Equal(0, queue.QueuedCount + queue.LeasedCount);
    }
}
