namespace AutoScale.Fleet.Scaling.Steps;

/// <summary>A worker of the pool is ready, so the pool can be served: its unservable mark is cleared.</summary>
public sealed record ClearUnservable(string Pool) : ScalingStep;
