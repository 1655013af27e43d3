using AutoScale.Grains.Work;
using AutoScale.Grains.Work.Scheduling;
using AutoScale.Interfaces.Jobs;

namespace AutoScale.Bench;

/// <summary>
/// Managed memory the queue grain holds per queued chunk: an in-process <see cref="FairWorkQueue"/> and the fresh-text
/// cache at its default budget, before and after enqueuing chunks shaped like real ones (several tenants, multi-chunk
/// jobs, mixed priorities, 245 characters each).
/// </summary>
public static class QueueMemoryProbe
{
    public static double BytesPerChunk(int chunks, int tenants = 50, int chunksPerJob = 8)
    {
        var tenantIds = Enumerable.Range(0, tenants).Select(_ => Guid.NewGuid()).ToArray();
        var now = DateTimeOffset.UtcNow;
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var queue = new FairWorkQueue();
        var texts = new FreshChunkTexts(new WorkQueueOptions().FreshTextCharacters);
        for (var job = 0; job * chunksPerJob < chunks; job++)
        {
            var jobId = Guid.NewGuid();
            var tenant = tenantIds[job % tenants];
            var priority = (JobPriority)(job % 3);
            var count = Math.Min(chunksPerJob, chunks - job * chunksPerJob);
            queue.Enqueue(Enumerable.Range(0, count).Select(sequence =>
                new WorkItem(new WorkItemKey(jobId, sequence), tenant, priority, 245, 0, null, now)));
            texts.Add(jobId, [.. Enumerable.Range(0, count).Select(sequence =>
                new LeasedChunkText(jobId, sequence, new string('a', 245), "en-us", 1.0, tenant, null))]);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        var queued = queue.QueuedCount;
        GC.KeepAlive(queue);
        GC.KeepAlive(texts);
        return (after - before) / (double)queued;
    }
}
