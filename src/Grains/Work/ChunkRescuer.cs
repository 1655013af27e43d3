using AutoScale.Grains.Work.Scheduling;
using AutoScale.Interfaces.Jobs;
using Microsoft.Extensions.Logging;

namespace AutoScale.Grains.Work;

/// <summary>
/// The rescuer of one pool's queue (what River calls its <c>JobRescuer</c>): recovery with a name and one owner, the
/// queue grain, which runs it from its maintenance timer. Each pass, in order:
/// <list type="number">
/// <item>leases past their expiry go back in line and their rows say queued (a worker that stopped renewing);</item>
/// <item>every <c>Queue:RescanSeconds</c>, the pool's open rows are read and those memory lacks are queued (a job the
/// queue was never told about, a chunk whose finish or failure reached memory but not its row); running such a
/// chunk again is safe, since its audio goes to the same key and its row is recorded done once;</item>
/// <item>with the rescan, jobs whose chunks have all ended while the job is still open are settled: the news of
/// their last chunk was lost (one-way while the database was briefly down, say).</item>
/// </list>
/// Each step logs its count. Chunks of a worker the cluster declares dead come back faster, through
/// <see cref="WorkerDeathWatcher"/>. Not thread-safe: the queue grain owns it, like its <see cref="FairWorkQueue"/>.
/// </summary>
/// <param name="pool">The pool whose queue this is.</param>
/// <param name="queue">The queue grain's chunks in memory.</param>
/// <param name="store">The rows behind them.</param>
/// <param name="jobs">A job's grain, to settle it.</param>
/// <param name="requeue">Adds rows memory lacked to the queue (the grain records their jobs and wakes pollers).</param>
/// <param name="wake">Wakes workers waiting in a long poll: chunks came back.</param>
/// <param name="rescanEvery">How often the rows are read again.</param>
/// <param name="start">When the queue activated; the first rescan comes one period later.</param>
/// <param name="logger">Where the counts go.</param>
public sealed partial class ChunkRescuer(
    string pool,
    FairWorkQueue queue,
    WorkItemStore store,
    Func<Guid, IJobGrain> jobs,
    Action<IReadOnlyList<WorkItem>> requeue,
    Action wake,
    TimeSpan rescanEvery,
    DateTimeOffset start,
    ILogger logger)
{
    private DateTimeOffset _nextRescan = start + rescanEvery;

    /// <summary>Step 1: puts expired leases back; returns how many.</summary>
    public async Task<int> ExpireLeasesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var expired = queue.ExpireLeases(now);
        if (expired.Count > 0)
        {
            await store.ReleaseAsync([.. expired.Select(i => i.Key)], cancellationToken);
            LogExpired(pool, expired.Count);
            wake();
        }

        return expired.Count;
    }

    /// <summary>Steps 2 and 3 when a rescan is due; null when it is not yet.</summary>
    public async Task<RescanCounts?> RescanIfDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (now < _nextRescan)
        {
            return null;
        }

        _nextRescan = now + rescanEvery;
        var open = await store.LoadOpenAsync(pool, cancellationToken);
        var missed = open.Where(i => queue.Find(i.Key) is null).ToList();
        if (missed.Count > 0)
        {
            requeue(missed);
            LogRescued(pool, missed.Count);
        }

        return new RescanCounts(missed.Count, await SettleAsync(cancellationToken));
    }

    /// <summary>
    /// Tells each open job whose chunks have all ended: with a failed chunk, that it failed (the first one); else to
    /// settle from its rows. The job grain reads the rows, so a job told twice settles once.
    /// </summary>
    private async Task<int> SettleAsync(CancellationToken cancellationToken)
    {
        var unsettled = await store.FindUnsettledJobsAsync(pool, cancellationToken);
        foreach (var job in unsettled)
        {
            var grain = jobs(job.JobId);
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
            LogSettled(pool, unsettled.Count);
        }

        return unsettled.Count;
    }
}
