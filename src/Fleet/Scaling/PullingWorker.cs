namespace AutoScale.Fleet.Scaling;

/// <summary>
/// A worker as its pool's queue sees it: one that polls is warmed up and serving; one holding nothing since
/// <see cref="BusyAt"/> is idle; <see cref="Draining"/> means it was told to leave.
/// </summary>
public sealed record PullingWorker(string WorkerId, int Leased, DateTimeOffset BusyAt, bool Draining);
