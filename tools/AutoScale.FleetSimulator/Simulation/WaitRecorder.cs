namespace AutoScale.FleetSimulator.Simulation;

/// <summary>Waits to first audio of the measured requests; those still waiting at the end count the time waited so far.</summary>
public sealed class WaitRecorder
{
    private readonly List<double> _waits = [];
    private bool _sorted;

    public int Count => _waits.Count;

    /// <summary>Requests that got no audio before the simulation ended.</summary>
    public int Unserved { get; private set; }

    public void Add(double seconds)
    {
        _waits.Add(seconds);
        _sorted = false;
    }

    public void AddUnserved(double waitedSoFar)
    {
        Add(waitedSoFar);
        Unserved++;
    }

    /// <summary>Nearest-rank percentile, <paramref name="percent"/> in 0..100; NaN without requests.</summary>
    public double Percentile(double percent)
    {
        if (_waits.Count == 0)
        {
            return double.NaN;
        }

        if (!_sorted)
        {
            _waits.Sort();
            _sorted = true;
        }

        var rank = (int)Math.Ceiling(percent / 100 * _waits.Count);
        return _waits[Math.Clamp(rank - 1, 0, _waits.Count - 1)];
    }
}
