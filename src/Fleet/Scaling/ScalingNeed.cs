namespace AutoScale.Fleet.Scaling;

/// <summary>How many workers a pool needs now, and why (<see cref="ScalingPolicy.Assess"/>).</summary>
public readonly record struct ScalingNeed(int Workers, string Reason);
