namespace AutoScale.Fleet.Scaling;

/// <summary>
/// The cluster membership at one tick: the worker silos not dead, with their metadata, and every silo address not dead.
/// Whether a silo is alive is judged by the membership alone: a restarted gateway learns other silos' metadata a little
/// later, and a worker whose metadata has not arrived yet must not be taken for one that left.
/// </summary>
public sealed record MembershipReading(IReadOnlyList<WorkerSilo> WorkerSilos, IReadOnlySet<string> Alive)
{
    public static MembershipReading Empty { get; } = new([], new HashSet<string>(StringComparer.Ordinal));

    /// <summary>The silo a fleet worker runs in, an Active one preferred; null before it appeared.</summary>
    public WorkerSilo? SiloOf(string fleetId) =>
        WorkerSilos.Where(s => s.FleetId == fleetId).OrderByDescending(s => s.Active).FirstOrDefault();

    public bool IsAlive(string? address) => address is not null && Alive.Contains(address);
}
