namespace AutoScale.Fleet.Scaling.Steps;

/// <summary>A step that moves one worker's record; <see cref="Apply"/> moves it, once the step's effect is done (and not if it failed).</summary>
public abstract record WorkerStep(FleetWorkerRecord Worker) : ScalingStep
{
    public abstract void Apply(DateTimeOffset now);
}
