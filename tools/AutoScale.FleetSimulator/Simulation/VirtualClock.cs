namespace AutoScale.FleetSimulator.Simulation;

/// <summary>
/// Simulated time: it moves only when the simulation advances it to its next event, so a month runs in seconds.
/// Kept as seconds since the start for the event loop, and exposed as a <see cref="TimeProvider"/> for anything that
/// reads time the way production code does.
/// </summary>
public sealed class VirtualClock(DateTimeOffset start) : TimeProvider
{
    public double Seconds { get; private set; }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public void AdvanceTo(double seconds)
    {
        if (seconds < Seconds)
        {
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, $"time cannot go back from {Seconds} s");
        }

        Seconds = seconds;
    }

    public override DateTimeOffset GetUtcNow() => start + TimeSpan.FromSeconds(Seconds);

    public override long GetTimestamp() => (long)(Seconds * TimeSpan.TicksPerSecond);
}
