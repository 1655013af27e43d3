using AutoScale.Interfaces.Work;

namespace AutoScale.Silo.Synthesis;

/// <summary>
/// The worker's pull loop: long-polls its pool's queue for as many chunks as it has room for (never busy-waiting),
/// starts each on <c>work</c>, and backs off while the queue cannot be reached (the control silo restarting, say). It
/// ends when stopping, or when a poll comes back empty and the queue says this worker was told to leave; either way it
/// drains first: the chunks in flight get up to the drain deadline to finish, the rest are handed back to the queue.
/// </summary>
/// <param name="queue">The pool's queue.</param>
/// <param name="pool">The pool's name, for the log.</param>
/// <param name="workerId">This worker, as the queue knows it (its silo address).</param>
/// <param name="capacity">Chunks held at once.</param>
/// <param name="work">Works one chunk to its end (reported done, failed or dropped).</param>
/// <param name="drainDeadline">How long in-flight chunks may take to finish once draining.</param>
/// <param name="time">The clock the backoff and the drain deadline run on.</param>
/// <param name="logger">Where it reports.</param>
public sealed partial class PullLoop(
    IWorkQueueGrain queue,
    string pool,
    string workerId,
    int capacity,
    Func<ChunkLease, Task> work,
    TimeSpan drainDeadline,
    TimeProvider time,
    ILogger logger)
{
    /// <summary>How long one poll waits for work before it comes back empty.</summary>
    public static readonly TimeSpan LongPoll = TimeSpan.FromSeconds(15);

    /// <summary>Between failed polls: 0.4 s doubling up to 10 s, for as long as it takes.</summary>
    public static readonly Backoff TakeRetries = new(TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(10));

    private readonly Dictionary<Guid, Task> _inFlight = [];

    /// <summary>Pulls until stopped or told to leave; answers whether this worker was told to leave.</summary>
    public async Task<bool> RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            ForgetFinished();
            if (_inFlight.Count >= capacity)
            {
                await ((Task)Task.WhenAny(_inFlight.Values)).WaitAsync(stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }

            (IReadOnlyList<ChunkLease> Leases, bool Leave) taken;
            try
            {
                taken = await TakeRetries.RetryAsync(TakeAsync, time, (exception, failures, _) => LogTakeFailed(exception, pool, failures), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }

            if (taken.Leave)
            {
                LogLeaving(workerId, _inFlight.Count);
                await DrainAsync();
                return true;
            }

            foreach (var lease in taken.Leases)
            {
                _inFlight[lease.LeaseId] = work(lease);
            }
        }

        await DrainAsync();
        return false;
    }

    /// <summary>One poll; an empty one also asks whether this worker should leave.</summary>
    private async Task<(IReadOnlyList<ChunkLease> Leases, bool Leave)> TakeAsync(CancellationToken stoppingToken)
    {
        ForgetFinished();
        var leases = await queue.TakeAsync(workerId, capacity - _inFlight.Count, LongPoll).WaitAsync(stoppingToken);
        return (leases, leases.Count == 0 && await queue.ShouldLeaveAsync(workerId).WaitAsync(stoppingToken));
    }

    private async Task DrainAsync()
    {
        ForgetFinished();
        if (_inFlight.Count == 0)
        {
            return;
        }

        LogDraining(_inFlight.Count, drainDeadline.TotalSeconds);
        await Task.WhenAll(_inFlight.Values).WaitAsync(drainDeadline, time).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
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
}
