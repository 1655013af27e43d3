using AutoScale.Fleet.Scaling.Steps;

namespace AutoScale.Fleet.Scaling;

/// <summary>What the core decided for one pool at one tick: the decision (as the operator sees it), the snapshot it was made from, and the steps that carry it out, in order.</summary>
public sealed record PoolPlan(ScalingDecision Decision, PoolSnapshot Snapshot, IReadOnlyList<ScalingStep> Steps);
