namespace AutoScale.Grains.Work;

/// <summary>
/// Counters of the work a queue recorded done since it activated (the scaler compares two readings to learn a
/// worker's throughput). Not thread-safe: the queue grain owns it.
/// </summary>
public sealed class CompletedWork
{
    public long Chunks { get; private set; }

    public long Characters { get; private set; }

    public double EngineSeconds { get; private set; }

    public void Add(int characters, double engineSeconds)
    {
        Chunks++;
        Characters += characters;
        EngineSeconds += engineSeconds;
    }
}
