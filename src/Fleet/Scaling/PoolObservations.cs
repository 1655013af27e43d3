using AutoScale.Fleet.Hosting;

namespace AutoScale.Fleet.Scaling;

/// <summary>
/// What the scaler has learned about a pool, starting from the configured guesses: engine seconds per character (from
/// the queue's finished-chunk counters), engine seconds one worker gets through per second (measured only while work
/// waited, so idle time does not count as slowness), and how long a worker takes to become ready.
/// </summary>
public sealed class PoolObservations(FleetPoolOptions settings)
{
    private const double Smoothing = 0.3;
    private const long MinimumCharactersPerSample = 200;
    private QueueReading? _last;
    private DateTimeOffset _lastAt;
    private int _lastReady;
    private readonly ArrivalRate _arrivingCharacters = new();
    private bool _sawCharacters;
    private bool _sawThroughput;
    private bool _sawBoot;

    public double SecondsPerCharacter { get; private set; } = settings.SecondsPerCharacter;

    public double WorkerThroughput { get; private set; } = settings.WorkerThroughput;

    public TimeSpan BootTime { get; private set; } = TimeSpan.FromSeconds(settings.BootSeconds);

    /// <summary>Engine seconds of work arriving per second over the pool's idle window, at today's seconds per character.</summary>
    public double ArrivingSecondsPerSecond(DateTimeOffset now, TimeSpan window) =>
        _arrivingCharacters.PerSecond(now, window) * SecondsPerCharacter;

    /// <summary>Which ready workers sat idle, tick by tick, over the idle window.</summary>
    public SpareCapacityWindow Spare { get; } = new();

    public void ObserveBoot(TimeSpan boot)
    {
        BootTime = _sawBoot ? TimeSpan.FromSeconds(Blend(BootTime.TotalSeconds, boot.TotalSeconds)) : boot;
        _sawBoot = true;
    }

    public void ObserveQueue(QueueReading stats, int ready, DateTimeOffset now, TimeSpan window)
    {
        _arrivingCharacters.Record(now, stats.EnqueuedCharacters, window);
        if (_last is { } last && stats.CompletedChunks >= last.CompletedChunks)
        {
            var characters = stats.CompletedCharacters - last.CompletedCharacters;
            var engineSeconds = stats.CompletedEngineSeconds - last.CompletedEngineSeconds;
            if (characters < MinimumCharactersPerSample)
            {
                return; // keep accumulating from the same reading
            }

            var perCharacter = Math.Max(engineSeconds / characters, 1e-7);
            SecondsPerCharacter = _sawCharacters ? Blend(SecondsPerCharacter, perCharacter) : perCharacter;
            _sawCharacters = true;

            var elapsed = (now - _lastAt).TotalSeconds;
            if (last.Queued > 0 && stats.Queued > 0 && _lastReady > 0 && ready > 0 && elapsed > 0)
            {
                var perWorker = Math.Max(engineSeconds / elapsed / Math.Max(_lastReady, ready), 0.01);
                WorkerThroughput = _sawThroughput ? Blend(WorkerThroughput, perWorker) : perWorker;
                _sawThroughput = true;
            }
        }

        _last = stats;
        _lastAt = now;
        _lastReady = ready;
    }

    private static double Blend(double previous, double sample) => previous + (Smoothing * (sample - previous));
}
