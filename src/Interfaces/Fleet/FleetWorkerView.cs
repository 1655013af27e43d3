namespace AutoScale.Interfaces.Fleet;

/// <summary>One worker of the fleet (a managed one, or one started by hand that joined on its own).</summary>
[GenerateSerializer, Immutable, Alias("fleet-worker")]
public sealed record FleetWorkerView
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required string Pool { get; init; }

    [Id(2)] public required FleetWorkerState State { get; init; }

    [Id(3)] public required DateTimeOffset Since { get; init; }

    /// <summary>The provider (<c>local</c>, <c>runpod</c>) or <c>unmanaged</c> for a worker started by hand.</summary>
    [Id(4)] public required string Provider { get; init; }

    [Id(5)] public string? ProviderId { get; init; }

    [Id(6)] public decimal CostPerHourUsd { get; init; }

    [Id(7)] public string? Image { get; init; }

    /// <summary>Its silo's address, once it joined.</summary>
    [Id(8)] public string? Silo { get; init; }

    /// <summary>Chunks it holds now.</summary>
    [Id(9)] public int Leased { get; init; }

    /// <summary>Why it is in its state (for gone: how it ended).</summary>
    [Id(10)] public string? Reason { get; init; }

    [Id(11)] public DateTimeOffset CreatedAt { get; init; }
}
