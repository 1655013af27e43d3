namespace AutoScale.Interfaces.Work;

/// <summary>
/// A worker as its pool's queue sees it: a worker that polls is warmed up and serving; one holding nothing since
/// <see cref="BusyAt"/> is idle; <see cref="Draining"/> means it was told to leave.
/// </summary>
[GenerateSerializer, Immutable, Alias("queue-worker")]
public sealed record QueueWorker(
    [property: Id(0)] string WorkerId,
    [property: Id(1)] int Leased,
    [property: Id(2)] DateTimeOffset LastSeenAt,
    [property: Id(3)] DateTimeOffset BusyAt,
    [property: Id(4)] bool Draining);
