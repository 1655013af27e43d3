namespace AutoScale.Fleet.Scaling.Steps;

/// <summary>The worker's silo appeared in the membership: it is joining, on <paramref name="Silo"/>.</summary>
public sealed record MarkJoining(FleetWorkerRecord Worker, string Silo) : WorkerStep(Worker)
{
    public override void Apply(DateTimeOffset now) => Worker.Join(Silo, now);
}
