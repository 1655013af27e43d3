using AutoScale.Grains.Work.Scheduling;
using AutoScale.Interfaces.Work;
using AutoScale.Telemetry;

namespace AutoScale.Grains.Work;

/// <summary>
/// Chunk metrics, recorded by the queue grain where every worker's completions arrive, so the gateway's scrape covers
/// workers that have no HTTP endpoint of their own.
/// </summary>
public static class ChunkMetrics
{
    /// <summary>
    /// A chunk recorded done; <paramref name="item"/> is null when the queue no longer held it. The cost carries the
    /// tenant only when <paramref name="tenantLabels"/> (<c>Telemetry:TenantLabels</c>) asks for it.
    /// </summary>
    public static void RecordCompletion(string pool, ChunkCompletion completion, WorkItem? item, DateTimeOffset now, bool tenantLabels)
    {
        var poolTag = new KeyValuePair<string, object?>("pool", pool);
        var audioSeconds = completion.SampleRate > 0 ? (double)completion.Samples / completion.SampleRate : 0;
        AutoScaleMetrics.EngineSeconds.Add(completion.EngineSeconds, poolTag);
        AutoScaleMetrics.AudioSeconds.Add(audioSeconds, poolTag);
        if (audioSeconds > 0)
        {
            AutoScaleMetrics.RealTimeFactor.Record(completion.EngineSeconds / audioSeconds, poolTag);
        }

        if (item is not null)
        {
            AutoScaleMetrics.ChunkLatency.Record((now - item.EnqueuedAt).TotalSeconds, poolTag);
            if (tenantLabels)
            {
                AutoScaleMetrics.Cost.Add((double)completion.CostUsd, poolTag, new("tenant", item.TenantId.ToString()));
            }
            else
            {
                AutoScaleMetrics.Cost.Add((double)completion.CostUsd, poolTag);
            }
        }
    }
}
