namespace AutoScale.Fleet.Scaling;

/// <summary>A worker silo in the membership (not dead), with what its metadata says: its pool and, for one the fleet started, its fleet id.</summary>
public sealed record WorkerSilo(string Address, bool Active, string Pool, string? FleetId);
