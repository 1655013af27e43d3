namespace AutoScale.Fleet.Scaling.Steps;

/// <summary>Tells the queue again that a draining worker still in the cluster is to get nothing more (a reactivated queue grain has forgotten).</summary>
public sealed record TellToDrain(FleetWorkerRecord Worker) : ScalingStep;
