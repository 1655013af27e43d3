namespace AutoScale.FleetSimulator.Simulation;

/// <summary>Integrates billed workers over simulated time, from the end of the warm-up on, in total and by hour of day.</summary>
public sealed class FleetMeter(double measureFrom)
{
    private readonly double[] _workerSecondsByHour = new double[24];
    private double _last;
    private int _billed;

    public double WorkerSeconds { get; private set; }

    public int Peak { get; private set; }

    public IReadOnlyList<double> WorkerSecondsByHour => _workerSecondsByHour;

    /// <summary>Bills the workers held since the last call up to <paramref name="now"/>; call before changing the count.</summary>
    public void Advance(double now)
    {
        var from = Math.Max(_last, measureFrom);
        if (now > from && _billed > 0)
        {
            WorkerSeconds += _billed * (now - from);
            Peak = Math.Max(Peak, _billed);
            while (from < now)
            {
                var hourEnds = (Math.Floor(from / 3600) + 1) * 3600;
                var until = Math.Min(now, hourEnds);
                _workerSecondsByHour[(int)(from / 3600 % 24)] += _billed * (until - from);
                from = until;
            }
        }

        _last = now;
    }

    public void Hold(int billedWorkers) => _billed = billedWorkers;
}
