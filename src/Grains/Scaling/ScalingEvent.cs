namespace AutoScale.Grains.Scaling;

/// <summary>One decision of the scaler, as kept in <c>scaling_events</c>.</summary>
public sealed record ScalingEvent(
    long Id, DateTimeOffset At, string Pool, string Action, int From, int To, string Reason, string InputsJson);
