namespace AutoScale.Grains.Tests.Infrastructure;

/// <summary>The same cluster on the system clock, for what must really wait (reminders).</summary>
public sealed class RealClockClusterFixture : JobClusterFixture
{
    protected override bool UsesFakeClock => false;
}
