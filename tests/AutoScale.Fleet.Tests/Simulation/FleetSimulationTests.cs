using AutoScale.FleetSimulator;
using AutoScale.FleetSimulator.Reporting;
using AutoScale.FleetSimulator.Simulation;

namespace AutoScale.Fleet.Tests.Simulation;

public sealed class FleetSimulationTests
{
    // A thousand listeners, two days with the first as warm-up: about 9,000 measured requests, a tenth of a second a run.
    // First-in-first-out dispatch, so a fleet too small for the load shows in the first-audio wait of every request.
    private static readonly SimulatorOptions Moderate = new() { Users = 1_000, Days = 2, WarmUpDays = 1, Dispatch = DispatchOrder.Fifo };

    [Fact]
    public void A_short_run_prints_the_same_figures_twice_with_the_same_seed_and_others_with_another()
    {
        var small = Moderate with { Users = 300, Days = 1, WarmUpDays = 0.5 };

        var first = Report(small);
        var second = Report(small);
        var otherSeed = Report(small with { Seed = 2 });

        Assert.Equal(first, second);
        Assert.NotEqual(first, otherSeed);
    }

    [Fact]
    public void A_day_without_users_costs_nothing_and_provisions_no_worker()
    {
        var result = FleetSimulation.Run(Moderate with { Users = 0 }, FleetPlan.Autoscaled);

        Assert.Equal(0, result.Requests);
        Assert.Equal(0, result.BootsPerDay);
        Assert.Equal(0, result.PeakWorkers);
        Assert.Equal(0m, result.CostPerMonthUsd);
    }

    [Fact]
    public void With_quiet_nights_the_policy_costs_less_than_an_always_on_fleet_with_the_same_p95_wait()
    {
        // Near-silent nights and short requests: the case autoscaling is for (the seed's own curve saves only a few percent).
        var options = Moderate with { RequestMinutes = 5, Curve = Moderate.Curve with { PeakToTrough = 1_000 } };
        var policy = FleetSimulation.Run(options, FleetPlan.Autoscaled);

        var alwaysOn = FleetComparison.SmallestMatching(options, policy.P95WaitSeconds);

        Assert.NotNull(alwaysOn);
        Assert.True(alwaysOn.Value.Workers >= Math.Ceiling(options.PeakLoadWorkers), $"{alwaysOn.Value.Workers} always-on workers is below the peak load");
        Assert.True(policy.CostPerMonthUsd < alwaysOn.Value.Result.CostPerMonthUsd,
            $"policy ${policy.CostPerMonthUsd}/month, {alwaysOn.Value.Workers} always-on ${alwaysOn.Value.Result.CostPerMonthUsd}/month");
    }

    [Fact]
    public void In_a_moderate_scenario_the_p95_wait_stays_within_a_boot_and_the_target_wait()
    {
        var result = FleetSimulation.Run(Moderate, FleetPlan.Autoscaled);

        Assert.True(result.Requests > 8_000, $"{result.Requests} requests measured");
        Assert.True(result.Unserved < result.Requests / 1000, $"{result.Unserved} of {result.Requests} requests still waiting at the end");
        Assert.InRange(result.P95WaitSeconds, 0, Moderate.Boot.MaxSeconds + Moderate.TargetWaitSeconds);
    }

    [Fact]
    public void A_fleet_below_the_mean_load_falls_behind_for_good()
    {
        var busier = Moderate with { Users = 4_000 }; // 5 busy workers on average
        var result = FleetSimulation.Run(busier, FleetPlan.AlwaysOn((int)Math.Ceiling(busier.MeanLoadWorkers) - 1));

        Assert.True(result.Unserved > 0);
        Assert.True(result.P95WaitSeconds > 3600, $"p95 {result.P95WaitSeconds} s");
    }

    private static string Report(SimulatorOptions options)
    {
        using var writer = new StringWriter();
        ReportWriter.Write(writer, options, FleetComparison.Run(options));
        return writer.ToString();
    }
}
