namespace AutoScale.Interfaces.Fleet;

/// <summary>The fleet at one tick of the scaler.</summary>
[GenerateSerializer, Immutable, Alias("fleet-overview")]
public sealed record FleetOverview
{
    [Id(0)] public required DateTimeOffset At { get; init; }

    [Id(1)] public required string Provider { get; init; }

    [Id(2)] public required IReadOnlyList<PoolView> Pools { get; init; }

    /// <summary>Live workers, then recently gone ones.</summary>
    [Id(3)] public required IReadOnlyList<FleetWorkerView> Workers { get; init; }

    [Id(4)] public decimal CostPerHourUsd { get; init; }

    [Id(5)] public decimal? BudgetUsdPerHour { get; init; }
}
