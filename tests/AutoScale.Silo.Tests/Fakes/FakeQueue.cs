using System.Collections.Concurrent;
using AutoScale.Interfaces.Work;

namespace AutoScale.Silo.Tests.Fakes;

/// <summary>
/// A pool's queue as a worker sees it, scripted by the test: each take waits for the test's answer; renewals,
/// completions and failures are recorded and answer as the test says.
/// </summary>
public sealed class FakeQueue : IWorkQueueGrain
{
    private readonly ConcurrentQueue<PendingTake> _takes = new();
    private readonly ConcurrentQueue<ChunkCompletion> _completions = new();
    private readonly ConcurrentQueue<(Guid LeaseId, string Reason)> _failures = new();
    private readonly ConcurrentQueue<Guid> _released = new();

    /// <summary>Raised on every take; <see cref="Takes"/> holds each one's answer to give.</summary>
    public Signal Taken { get; } = new();

    public Signal Renewed { get; } = new();

    /// <summary>Raised on every completion report, whether it then fails or not.</summary>
    public Signal CompletionReports { get; } = new();

    public Signal Failed { get; } = new();

    public IReadOnlyList<PendingTake> Takes => [.. _takes];

    public IReadOnlyList<ChunkCompletion> Completions => [.. _completions];

    public IReadOnlyList<(Guid LeaseId, string Reason)> Failures => [.. _failures];

    public IReadOnlyList<Guid> Released => [.. _released];

    /// <summary>What a renewal answers (true: the lease is still this worker's).</summary>
    public Func<Guid, Task<bool>> Renew { get; set; } = _ => Task.FromResult(true);

    /// <summary>What a completion report does before it is recorded (throw to make it fail).</summary>
    public Func<ChunkCompletion, Task> BeforeComplete { get; set; } = _ => Task.CompletedTask;

    /// <summary>Whether this worker was told to leave.</summary>
    public bool ToldToLeave { get; set; }

    public Task<IReadOnlyList<ChunkLease>> TakeAsync(string workerId, int max, TimeSpan wait)
    {
        var take = new PendingTake(max, new TaskCompletionSource<IReadOnlyList<ChunkLease>>(TaskCreationOptions.RunContinuationsAsynchronously));
        _takes.Enqueue(take);
        Taken.Raise();
        return take.Answer.Task;
    }

    public Task<bool> ShouldLeaveAsync(string workerId) => Task.FromResult(ToldToLeave);

    public async Task<bool> RenewAsync(Guid leaseId)
    {
        Renewed.Raise();
        return await Renew(leaseId);
    }

    public async Task CompleteAsync(ChunkCompletion completion)
    {
        CompletionReports.Raise();
        await BeforeComplete(completion);
        _completions.Enqueue(completion);
    }

    public Task FailAsync(Guid leaseId, Guid jobId, int sequence, string reason)
    {
        _failures.Enqueue((leaseId, reason));
        Failed.Raise();
        return Task.CompletedTask;
    }

    public Task ReleaseAsync(IReadOnlyList<Guid> leaseIds)
    {
        foreach (var leaseId in leaseIds)
        {
            _released.Enqueue(leaseId);
        }

        return Task.CompletedTask;
    }

    public Task EnqueueJobAsync(QueuedJob job) => throw new NotSupportedException();

    public Task ReleaseWorkerAsync(string workerId) => throw new NotSupportedException();

    public Task CancelJobAsync(Guid jobId) => throw new NotSupportedException();

    public Task DrainWorkerAsync(string workerId) => throw new NotSupportedException();

    public Task<QueueStats> GetStatsAsync() => throw new NotSupportedException();

    /// <summary>A take waiting for its answer: <see cref="Max"/> is how many chunks the worker asked for.</summary>
    public sealed record PendingTake(int Max, TaskCompletionSource<IReadOnlyList<ChunkLease>> Answer);
}
