using AutoScale.Fleet.Scaling;
using AutoScale.Grains.Scaling;
using AutoScale.Interfaces.Fleet;

namespace AutoScale.Grains.Tests.Scaling;

public sealed class WorkerStagesTests
{
    [Fact]
    public void Every_stage_of_the_scaling_core_is_a_wire_state_of_the_same_name_and_back()
    {
        Assert.Equal(Enum.GetNames<FleetWorkerState>(), Enum.GetNames<WorkerStage>());
        Assert.All(Enum.GetValues<WorkerStage>(), stage => Assert.Equal(stage, stage.ToState().ToStage()));
        Assert.Equal(["booting", "joining", "ready", "draining", "gone"], Enum.GetValues<WorkerStage>().Select(s => s.ToState().ToWireName()));
    }
}
