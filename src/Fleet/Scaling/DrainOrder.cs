namespace AutoScale.Fleet.Scaling;

/// <summary>
/// Which workers leave first, the one order for a shrinking pool and for an image roll:
/// <list type="number">
/// <item>Workers still starting (booting or joining), newest first: they hold nothing and are furthest from serving.</item>
/// <item>Then ready workers holding the fewest chunks,</item>
/// <item>among those the one idle longest (since its queue's <see cref="PullingWorker.BusyAt"/>; its record's
/// <see cref="FleetWorkerRecord.StateSince"/> when its queue has not seen it).</item>
/// </list>
/// Draining and gone workers are not candidates.
/// </summary>
public static class DrainOrder
{
    public static IEnumerable<FleetWorkerRecord> Rank(IEnumerable<FleetWorkerRecord> workers, IReadOnlyDictionary<string, PullingWorker> pulling)
    {
        var candidates = workers.ToList();
        return candidates.Where(w => w.IsStarting).OrderByDescending(w => w.CreatedAt)
            .Concat(candidates.Where(w => w.Stage == WorkerStage.Ready)
                .OrderBy(w => pulling.GetValueOrDefault(w.Silo!)?.Leased ?? 0)
                .ThenBy(w => pulling.GetValueOrDefault(w.Silo!)?.BusyAt ?? w.StateSince));
    }
}
