namespace AutoScale.Fleet.Scaling.Steps;

/// <summary>
/// Marks the worker draining and tells its pool's queue: its polls come back empty, it finishes what it holds and
/// stops its process, so nothing in flight is lost. It is terminated once its silo has left (<see cref="WorkerLifecycle"/>).
/// </summary>
public sealed record DrainWorker(FleetWorkerRecord Worker, string Reason) : WorkerStep(Worker)
{
    public override void Apply(DateTimeOffset now) => Worker.Drain(now, Reason);
}
