namespace AutoScale.Fleet.Scaling;

/// <summary>
/// How many of a pool's ready workers sat idle, tick by tick, over the last idle window: the capacity the pool did not
/// use, whichever workers happened to be idle. Workers take work greedily, so bursts keep every worker briefly busy and a
/// per-worker idle timer never fires however over-provisioned the pool is; the window's average does not have that blind
/// spot. Half a worker of headroom is kept, except when nothing at all ran during the window. It also keeps the most
/// workers the policy asked for during the window, so the fleet does not shrink below what the next burst will want.
/// </summary>
public sealed class SpareCapacityWindow
{
    private const double HeadroomWorkers = 0.5;
    private readonly Queue<Sample> _samples = new();

    public void Record(DateTimeOffset now, int idleWorkers, int readyWorkers, int neededWorkers, TimeSpan window)
    {
        _samples.Enqueue(new Sample(now, idleWorkers, readyWorkers, neededWorkers));
        // Keep one sample at or before the window's start, so the window is known to be covered.
        while (_samples.Count > 1 && _samples.ElementAt(1).At <= now - window)
        {
            _samples.Dequeue();
        }
    }

    /// <summary>Whole workers the pool could have done without over the window; 0 until the samples span it.</summary>
    public int SpareThroughout(DateTimeOffset now, TimeSpan window)
    {
        if (_samples.Count == 0 || _samples.Peek().At > now - window)
        {
            return 0;
        }

        if (_samples.All(s => s.Idle == s.Ready))
        {
            return _samples.Min(s => s.Ready); // nothing ran at all
        }

        return Math.Max(0, (int)Math.Floor(_samples.Average(s => s.Idle) - HeadroomWorkers));
    }

    /// <summary>The most workers the pool needed at any tick of the window (shrinking below it would only grow again).</summary>
    public int PeakNeed() => _samples.Count == 0 ? 0 : _samples.Max(s => s.Needed);

    /// <summary>One idle worker was let go: the history no longer counts it as spare.</summary>
    public void Spend()
    {
        var samples = _samples.Select(s => new Sample(s.At, Math.Max(0, s.Idle - 1), Math.Max(0, s.Ready - 1), s.Needed)).ToList();
        _samples.Clear();
        foreach (var sample in samples)
        {
            _samples.Enqueue(sample);
        }
    }

    private readonly record struct Sample(DateTimeOffset At, int Idle, int Ready, int Needed);
}
