using AutoScale.Interfaces.Fleet;

namespace AutoScale.Grains.Scaling;

/// <summary>The scaler's record of one worker it asked a provider for (a row of <c>fleet_workers</c>).</summary>
public sealed class FleetWorkerRecord
{
    public required string Id { get; init; }

    public required string Pool { get; init; }

    public required string Provider { get; init; }

    public string? ProviderId { get; set; }

    public required string Image { get; init; }

    public FleetWorkerState State { get; set; }

    public DateTimeOffset StateSince { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ReadyAt { get; set; }

    /// <summary>Its silo, once it appeared in the membership (also its worker id at the queue).</summary>
    public string? Silo { get; set; }

    public decimal CostPerHourUsd { get; set; }

    public string? Reason { get; set; }

    public bool IsLive => State != FleetWorkerState.Gone;

    public void MoveTo(FleetWorkerState state, DateTimeOffset now, string? reason = null)
    {
        State = state;
        StateSince = now;
        Reason = reason;
    }
}
