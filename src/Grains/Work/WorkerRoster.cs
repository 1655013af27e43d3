using AutoScale.Grains.Work.Scheduling;
using AutoScale.Interfaces.Work;

namespace AutoScale.Grains.Work;

/// <summary>
/// The workers pulling from one pool's queue, as the queue sees them: when each last polled, since when it has had
/// nothing to do, and which were told to drain (by the scaler, through <see cref="IWorkQueueGrain.DrainWorkerAsync"/>).
/// A worker that polls is warmed up and serving; one silent for <see cref="ForgetSilentAfter"/> and holding no lease
/// is forgotten. Not thread-safe: the queue grain owns it.
/// </summary>
public sealed class WorkerRoster
{
    /// <summary>How long a worker holding nothing may stay silent before it is forgotten.</summary>
    public static readonly TimeSpan ForgetSilentAfter = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, Presence> _workers = [];
    private readonly HashSet<string> _draining = [];

    /// <summary>The worker polled: it is present (a new one counts as busy since now, so it is not idle at once).</summary>
    public void Seen(string workerId, DateTimeOffset now)
    {
        if (!_workers.TryGetValue(workerId, out var presence))
        {
            presence = new Presence { BusyAt = now };
            _workers[workerId] = presence;
        }

        presence.LastSeenAt = now;
    }

    /// <summary>The worker took or finished a chunk: not idle since now. A worker never seen polling is ignored.</summary>
    public void Busy(string workerId, DateTimeOffset now)
    {
        if (_workers.TryGetValue(workerId, out var presence))
        {
            presence.BusyAt = now;
        }
    }

    /// <summary>Tells the worker to leave; true the first time only.</summary>
    public bool Drain(string workerId) => _draining.Add(workerId);

    /// <summary>Whether the worker was told to leave.</summary>
    public bool IsDraining(string workerId) => _draining.Contains(workerId);

    /// <summary>The worker is gone (the cluster declared it dead): forgets it and its drain.</summary>
    public void Remove(string workerId)
    {
        _workers.Remove(workerId);
        _draining.Remove(workerId);
    }

    /// <summary>Forgets workers silent for longer than <see cref="ForgetSilentAfter"/> that hold no lease; returns how many.</summary>
    public int ForgetSilent(DateTimeOffset now, IEnumerable<WorkLease> leases)
    {
        if (_workers.Count == 0)
        {
            return 0;
        }

        var holding = leases.Select(l => l.WorkerId).ToHashSet();
        var silent = _workers
            .Where(w => now - w.Value.LastSeenAt > ForgetSilentAfter && !holding.Contains(w.Key))
            .Select(w => w.Key)
            .ToList();
        foreach (var workerId in silent)
        {
            Remove(workerId);
        }

        return silent.Count;
    }

    /// <summary>Every known worker with the number of leases it holds, as <see cref="QueueStats.Workers"/> shows them.</summary>
    public IReadOnlyList<QueueWorker> Snapshot(IEnumerable<WorkLease> leases)
    {
        var leasedBy = leases.CountBy(l => l.WorkerId).ToDictionary();
        return [.. _workers.Select(w => new QueueWorker(
            w.Key, leasedBy.GetValueOrDefault(w.Key), w.Value.LastSeenAt, w.Value.BusyAt, _draining.Contains(w.Key)))];
    }

    private sealed class Presence
    {
        public DateTimeOffset LastSeenAt { get; set; }

        public DateTimeOffset BusyAt { get; set; }
    }
}
