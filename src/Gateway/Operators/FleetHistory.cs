namespace AutoScale.Gateway.Operators;

/// <summary>The last samples of the fleet, oldest dropped first: a bounded in-memory ring, lost on restart by design.</summary>
public sealed class FleetHistory(int capacity)
{
    private readonly Queue<FleetSample> _samples = new(capacity);
    private readonly Lock _lock = new();

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    public void Add(FleetSample sample)
    {
        lock (_lock)
        {
            if (_samples.Count == Capacity)
            {
                _samples.Dequeue();
            }

            _samples.Enqueue(sample);
        }
    }

    /// <summary>The samples taken at or after <paramref name="since"/>, oldest first.</summary>
    public IReadOnlyList<FleetSample> Since(DateTimeOffset since)
    {
        lock (_lock)
        {
            return [.. _samples.Where(s => s.At >= since)];
        }
    }
}
