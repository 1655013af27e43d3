namespace AutoScale.Gateway.Operators;

/// <summary>The fleet at one moment, as the /ops chart draws it.</summary>
public sealed record FleetSample(DateTimeOffset At, decimal CostPerHourUsd, IReadOnlyList<PoolSample> Pools);

/// <summary>One pool's backlog (chunks queued and leased, engine seconds of it) against its workers.</summary>
public sealed record PoolSample(string Pool, int Queued, int Leased, double EstimatedSeconds, int Starting, int Ready, int Draining);
