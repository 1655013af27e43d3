namespace AutoScale.Fleet.Scaling;

/// <summary>
/// Work arriving per second, averaged over a sliding window (the pool's idle window), from a running total of work
/// added. A window rather than a long smoothing constant: once arrivals stop for an idle window, the steady-state
/// need they imply is gone too, so it never holds idle workers longer than the idle window itself would.
/// </summary>
public sealed class ArrivalRate
{
    private readonly Queue<(DateTimeOffset At, double Total)> _samples = new();

    /// <summary>Records the running total of work added so far (a counter that only grows; a drop restarts the history).</summary>
    public void Record(DateTimeOffset now, double total, TimeSpan window)
    {
        if (_samples.Count > 0 && total < _samples.Last().Total)
        {
            _samples.Clear();
        }

        _samples.Enqueue((now, total));
        while (_samples.Count > 1 && _samples.ElementAt(1).At <= now - window)
        {
            _samples.Dequeue();
        }
    }

    /// <summary>Work per second over the window (over the history so far while it is shorter than the window); 0 without history.</summary>
    public double PerSecond(DateTimeOffset now, TimeSpan window)
    {
        if (_samples.Count < 2)
        {
            return 0;
        }

        var (firstAt, firstTotal) = _samples.Peek();
        var span = Math.Max((now - firstAt).TotalSeconds, Math.Min(window.TotalSeconds, 1));
        return Math.Max(0, _samples.Last().Total - firstTotal) / span;
    }
}
