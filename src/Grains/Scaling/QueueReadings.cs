using AutoScale.Fleet.Scaling;
using AutoScale.Interfaces.Work;

namespace AutoScale.Grains.Scaling;

/// <summary>The queue grain's <see cref="QueueStats"/> as the scaling core reads it.</summary>
public static class QueueReadings
{
    public static QueueReading ToReading(this QueueStats stats) => new()
    {
        Queued = stats.Queued,
        QueuedCharacters = stats.QueuedCharacters,
        LeasedCharacters = stats.LeasedCharacters,
        Workers = [.. stats.Workers.Select(w => new PullingWorker(w.WorkerId, w.Leased, w.BusyAt, w.Draining))],
        CompletedChunks = stats.CompletedChunks,
        CompletedCharacters = stats.CompletedCharacters,
        CompletedEngineSeconds = stats.CompletedEngineSeconds,
        EnqueuedCharacters = stats.EnqueuedCharacters,
    };
}
