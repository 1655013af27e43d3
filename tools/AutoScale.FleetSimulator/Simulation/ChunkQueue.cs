using AutoScale.Fleet.Scaling;

namespace AutoScale.FleetSimulator.Simulation;

/// <summary>
/// The pool's queued chunks, held as requests with a count of chunks left rather than chunk by chunk, so a month of
/// chunks costs one entry per request. Totals and counters are kept as the queue grain keeps them, and read by the
/// scaler the same way (<see cref="Reading"/>), in characters: <see cref="CharactersPerEngineSecond"/> of them an engine second.
/// </summary>
public sealed class ChunkQueue(DispatchOrder order)
{
    /// <summary>Any ratio serves: the scaler learns seconds per character from the counters (and the simulation starts it there).</summary>
    public const double CharactersPerEngineSecond = 1000;

    private readonly Queue<QueuedRequest> _fresh = new();
    private readonly Queue<QueuedRequest> _waiting = new();
    private QueuedRequest _head;
    private int _leasedChunks;
    private double _leasedSeconds;
    private long _completedChunks;
    private double _completedSeconds;
    private double _enqueuedSeconds;

    public int Chunks { get; private set; }

    /// <summary>Engine seconds of the queued chunks.</summary>
    public double EngineSeconds { get; private set; }

    public void Enqueue(double arrivedAt, int chunks, double engineSecondsPerChunk)
    {
        var request = new QueuedRequest(arrivedAt, chunks, engineSecondsPerChunk, Started: false, chunks);
        (order == DispatchOrder.FreshFirst ? _fresh : _waiting).Enqueue(request);
        Chunks += chunks;
        EngineSeconds += chunks * engineSecondsPerChunk;
        _enqueuedSeconds += chunks * engineSecondsPerChunk;
    }

    /// <summary>A worker finished the <paramref name="chunks"/> it leased, <paramref name="engineSeconds"/> of work.</summary>
    public void Complete(int chunks, double engineSeconds)
    {
        _leasedChunks -= chunks;
        _leasedSeconds = _leasedChunks == 0 ? 0 : _leasedSeconds - engineSeconds;
        _completedChunks += chunks;
        _completedSeconds += engineSeconds;
    }

    /// <summary>The queue as the scaler reads it (the queue grain's stats), with the workers polling it.</summary>
    public QueueReading Reading(IReadOnlyList<PullingWorker> workers) => new()
    {
        Queued = Chunks,
        QueuedCharacters = Characters(EngineSeconds),
        LeasedCharacters = Characters(_leasedSeconds),
        Workers = workers,
        CompletedChunks = _completedChunks,
        CompletedCharacters = Characters(_completedSeconds),
        CompletedEngineSeconds = _completedSeconds,
        EnqueuedCharacters = Characters(_enqueuedSeconds),
    };

    /// <summary>
    /// Leases up to <paramref name="max"/> chunks and returns their engine seconds; the arrival time of every request
    /// whose first chunk is among them is added to <paramref name="firstChunkArrivals"/>, and every request whose last
    /// chunk is among them to <paramref name="lastChunks"/> (its arrival and its length in chunks).
    /// </summary>
    public double Take(int max, List<double> firstChunkArrivals, List<(double ArrivedAt, int Chunks)> lastChunks)
    {
        var taken = 0;
        var engineSeconds = 0.0;
        while (taken < max && _fresh.TryDequeue(out var fresh))
        {
            firstChunkArrivals.Add(fresh.ArrivedAt);
            taken++;
            engineSeconds += fresh.EngineSecondsPerChunk;
            if (fresh.ChunksLeft > 1)
            {
                _waiting.Enqueue(fresh with { ChunksLeft = fresh.ChunksLeft - 1, Started = true });
            }
            else
            {
                lastChunks.Add((fresh.ArrivedAt, fresh.TotalChunks));
            }
        }

        while (taken < max && (_head.ChunksLeft > 0 || _waiting.TryDequeue(out _head)))
        {
            if (!_head.Started)
            {
                firstChunkArrivals.Add(_head.ArrivedAt);
            }

            var count = Math.Min(max - taken, _head.ChunksLeft);
            taken += count;
            engineSeconds += count * _head.EngineSecondsPerChunk;
            _head = _head with { ChunksLeft = _head.ChunksLeft - count, Started = true };
            if (_head.ChunksLeft == 0)
            {
                lastChunks.Add((_head.ArrivedAt, _head.TotalChunks));
            }
        }

        Chunks -= taken;
        EngineSeconds = Chunks == 0 ? 0 : EngineSeconds - engineSeconds;
        _leasedChunks += taken;
        _leasedSeconds += engineSeconds;
        return engineSeconds;
    }

    /// <summary>Arrival times of the requests still waiting for their first chunk to be taken.</summary>
    public IEnumerable<double> UnstartedArrivals() =>
        _fresh.Concat(_waiting).Append(_head).Where(r => r.ChunksLeft > 0 && !r.Started).Select(r => r.ArrivedAt);

    private static long Characters(double engineSeconds) => (long)Math.Round(engineSeconds * CharactersPerEngineSecond);

    private readonly record struct QueuedRequest(double ArrivedAt, int ChunksLeft, double EngineSecondsPerChunk, bool Started, int TotalChunks);
}
