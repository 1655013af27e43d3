namespace AutoScale.Fleet.Scaling.Steps;

/// <summary>
/// Records a decision in the scaler's log (<c>scaling_events</c>): the pool's worker count <paramref name="From"/> →
/// <paramref name="To"/>, the reason as a sentence an operator reads, and the inputs it was made from.
/// </summary>
public sealed record RecordEvent(string Pool, string Action, int From, int To, string Reason, object Inputs) : ScalingStep;
