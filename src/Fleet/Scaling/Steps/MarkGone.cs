namespace AutoScale.Fleet.Scaling.Steps;

/// <summary>The worker is gone without being terminated here (its provider no longer lists it): it is marked so, nothing is asked of the provider.</summary>
public sealed record MarkGone(FleetWorkerRecord Worker, string Reason) : WorkerStep(Worker)
{
    public override void Apply(DateTimeOffset now) => Worker.End(now, Reason);
}
