using AutoScale.Fleet.Scaling;

namespace AutoScale.Grains.Scaling;

/// <summary>What an operator changed for a pool at run time (null keeps the configured value), and whether a worker said it cannot serve it (a row of <c>fleet_pools</c>).</summary>
public sealed record PoolOverrides(int? MinWorkers, int? MaxWorkers, string? Image, UnservablePool? Unservable = null);
