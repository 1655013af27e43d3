using AutoScale.FleetSimulator;
using AutoScale.FleetSimulator.Workload;

namespace AutoScale.Fleet.Tests.Simulation;

public sealed class SimulatorCommandLineTests
{
    [Fact]
    public void Options_override_the_seed_scenario_and_a_boot_range_reads_as_uniform()
    {
        var options = SimulatorCommandLine.Parse(["--users", "2000", "--boot", "60-170", "--rtf", "0.02", "--days", "2"]);

        Assert.Equal(2_000, options.Users);
        Assert.Equal(new BootTimeRange(60, 170), options.Boot);
        Assert.Equal(0.02, options.RealTimeFactor);
        Assert.Equal(new SimulatorOptions().HoursPerUser, options.HoursPerUser);
    }

    [Theory]
    [InlineData("--users", "many", "--users")]
    [InlineData("--boot", "170-60", "--boot")]
    [InlineData("--warmup-days", "3", "--warmup-days")]
    [InlineData("--colour", "red", "--colour")]
    [InlineData("--rtf", "-1", "--rtf")]
    public void A_bad_argument_is_refused_with_a_message_naming_it(string option, string value, string named)
    {
        var error = Assert.Throws<UsageException>(() => SimulatorCommandLine.Parse([option, value]));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_option_without_its_value_is_refused()
    {
        Assert.Throws<UsageException>(() => SimulatorCommandLine.Parse(["--seed"]));
    }
}
