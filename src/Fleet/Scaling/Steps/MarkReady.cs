namespace AutoScale.Fleet.Scaling.Steps;

/// <summary>The worker's silo is Active and pulls work: it is ready, <paramref name="BootTime"/> after it was asked for.</summary>
public sealed record MarkReady(FleetWorkerRecord Worker, TimeSpan BootTime) : WorkerStep(Worker)
{
    public override void Apply(DateTimeOffset now) => Worker.BecomeReady(now);
}
