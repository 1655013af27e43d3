namespace AutoScale.Fleet.Scaling;

/// <summary>A worker running <see cref="Image"/> could not load the pool's engine, for <see cref="Reason"/> (see <see cref="UnservableGate"/>).</summary>
public sealed record UnservablePool(string Reason, string Image, DateTimeOffset Since);
