namespace AutoScale.FleetSimulator.Simulation;

/// <summary>How the pool is sized: by the scaling policy from zero, or as a fixed fleet up from the start and never scaled.</summary>
public sealed record FleetPlan(int? AlwaysOnWorkers)
{
    public static FleetPlan Autoscaled { get; } = new((int?)null);

    public static FleetPlan AlwaysOn(int workers) => new(workers);

    public bool IsAutoscaled => AlwaysOnWorkers is null;
}
