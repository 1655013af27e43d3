namespace AutoScale.Interfaces.Fleet;

public static class FleetWorkerStateExtensions
{
    /// <summary>The lower-case name used on the wire and in the database.</summary>
    public static string ToWireName(this FleetWorkerState state) => state switch
    {
        FleetWorkerState.Booting => "booting",
        FleetWorkerState.Joining => "joining",
        FleetWorkerState.Ready => "ready",
        FleetWorkerState.Draining => "draining",
        FleetWorkerState.Gone => "gone",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static FleetWorkerState ParseWireName(string value)
    {
        foreach (var state in Enum.GetValues<FleetWorkerState>())
        {
            if (state.ToWireName() == value)
            {
                return state;
            }
        }

        throw new FormatException($"'{value}' is not a fleet worker state.");
    }

    /// <summary>Starting workers count as coming capacity.</summary>
    public static bool IsStarting(this FleetWorkerState state) => state is FleetWorkerState.Booting or FleetWorkerState.Joining;
}
