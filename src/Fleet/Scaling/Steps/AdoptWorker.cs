namespace AutoScale.Fleet.Scaling.Steps;

/// <summary>A worker of this fleet found running without a record: its new record (booting; the lifecycle finds its silo) is kept and stored.</summary>
public sealed record AdoptWorker(FleetWorkerRecord Worker) : ScalingStep;
