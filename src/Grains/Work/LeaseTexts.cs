using AutoScale.Grains.Work.Scheduling;
using AutoScale.Interfaces.Work;
using Microsoft.Extensions.Logging;

namespace AutoScale.Grains.Work;

/// <summary>
/// Where a lease's text comes from: a new chunk's text kept in memory (<see cref="FreshChunkTexts"/>) until its first
/// lease, so a warm worker gets it without a database read; any other chunk's from its row, read as the row is marked
/// leased. Not thread-safe: the queue grain owns it.
/// </summary>
public sealed partial class LeaseTexts(string pool, FreshChunkTexts fresh, WorkItemStore store, ILogger logger)
{
    /// <summary>Keeps a new job's chunk texts, if they fit in the budget.</summary>
    public void Keep(QueuedJob job) =>
        fresh.Add(job.JobId, [.. job.ChunkTexts.Select((text, sequence) =>
            new LeasedChunkText(job.JobId, sequence, text, job.Voice, job.Speed, job.TenantId, job.TraceParent))]);

    /// <summary>Forgets a cancelled or failed job's kept texts.</summary>
    public void Forget(Guid jobId) => fresh.RemoveJob(jobId);

    /// <summary>
    /// The texts of one worker's new leases, by chunk, with their rows marked leased. A chunk missing from the answer
    /// has no open row any more (its job ended meanwhile).
    /// </summary>
    public async Task<IReadOnlyDictionary<WorkItemKey, LeasedChunkText>> ForAsync(IReadOnlyList<WorkLease> leases)
    {
        var texts = new Dictionary<WorkItemKey, LeasedChunkText>(leases.Count);
        var kept = new List<WorkItemKey>();
        var unread = new List<WorkItemKey>();
        foreach (var key in leases.Select(l => l.Item.Key))
        {
            if (fresh.TryTake(key, out var text))
            {
                texts[key] = text;
                kept.Add(key);
            }
            else
            {
                unread.Add(key);
            }
        }

        var workerId = leases[0].WorkerId;
        var expiresAt = leases.Max(l => l.ExpiresAt);
        if (unread.Count > 0)
        {
            foreach (var text in await store.LeaseAsync(unread, workerId, expiresAt))
            {
                texts[new WorkItemKey(text.JobId, text.Sequence)] = text;
            }
        }

        if (kept.Count > 0)
        {
            // Kept chunks leave before their row says leased: the row only informs operators (a rebuilt queue takes
            // queued and leased rows alike, and a completion overtakes the mark), so nobody waits for it.
            MarkLeasedAsync(kept, workerId, expiresAt).Ignore();
        }

        return texts;
    }

    private async Task MarkLeasedAsync(IReadOnlyList<WorkItemKey> keys, string workerId, DateTimeOffset expiresAt)
    {
        try
        {
            await store.MarkLeasedAsync(keys, workerId, expiresAt);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogLeaseMarkFailed(exception, pool, keys.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Pool}: {Count} leased chunks could not be marked leased in their rows")]
    private partial void LogLeaseMarkFailed(Exception exception, string pool, int count);
}
