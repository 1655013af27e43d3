namespace AutoScale.Fleet.Scaling.Steps;

/// <summary>
/// One thing the scaling core asks for. Whoever runs the core (the scaler grain, the fleet simulator) carries the steps
/// of a phase out in order and only then asks for the next phase; it moves a record only once the step's effect is done,
/// so a step that fails leaves the record as it was and the next tick asks again.
/// </summary>
public abstract record ScalingStep;
