namespace AutoScale.Fleet.Scaling;

/// <summary>What the scaler read for one pool at one tick; with the records the core keeps, the whole input of <see cref="FleetScaler.Plan"/>.</summary>
public sealed record PoolReading(string Pool, DateTimeOffset Now, PoolSettings Settings, QueueReading Queue, MembershipReading Membership);
