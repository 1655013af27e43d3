namespace AutoScale.Fleet.Scaling;

/// <summary>
/// The scaler's records by worker id: every live worker and the most recently gone ones (<c>fleet_workers</c> in
/// memory). Not thread-safe: its one owner (the scaler grain, a simulation) drives it.
/// </summary>
public sealed class FleetRoster
{
    private readonly Dictionary<string, FleetWorkerRecord> _records = new(StringComparer.Ordinal);

    public IReadOnlyCollection<FleetWorkerRecord> All => _records.Values;

    public IEnumerable<FleetWorkerRecord> Live => _records.Values.Where(w => w.IsLive);

    /// <summary>What the live workers cost per hour, together.</summary>
    public decimal CostPerHourUsd => Live.Sum(w => w.CostPerHourUsd);

    public FleetWorkerRecord? Find(string id) => _records.GetValueOrDefault(id);

    public void Add(FleetWorkerRecord record) => _records[record.Id] = record;

    public List<FleetWorkerRecord> LiveIn(string pool) => [.. Live.Where(w => w.Pool == pool)];

    /// <summary>The workers that count for a pool: live and not on their way out.</summary>
    public int Counted(string pool) => Live.Count(w => w.Pool == pool && w.Stage != WorkerStage.Draining);

    /// <summary>What the live workers of the other pools cost per hour.</summary>
    public decimal CostOutside(string pool) => Live.Where(w => w.Pool != pool).Sum(w => w.CostPerHourUsd);

    /// <summary>Keeps only the <paramref name="kept"/> most recently gone records (the operator's view shows them).</summary>
    public void ForgetGoneBeyond(int kept)
    {
        foreach (var gone in _records.Values.Where(w => !w.IsLive).OrderByDescending(w => w.StateSince).Skip(kept).ToList())
        {
            _records.Remove(gone.Id);
        }
    }
}
