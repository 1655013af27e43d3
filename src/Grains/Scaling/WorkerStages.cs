using AutoScale.Fleet.Scaling;
using AutoScale.Interfaces.Fleet;

namespace AutoScale.Grains.Scaling;

/// <summary>
/// The scaling core's <see cref="WorkerStage"/> and the wire's <see cref="FleetWorkerState"/> are one lifecycle with the
/// same member names (the core takes no Orleans contract); this maps one to the other by name.
/// </summary>
public static class WorkerStages
{
    public static FleetWorkerState ToState(this WorkerStage stage) => Enum.Parse<FleetWorkerState>(stage.ToString());

    public static WorkerStage ToStage(this FleetWorkerState state) => Enum.Parse<WorkerStage>(state.ToString());
}
