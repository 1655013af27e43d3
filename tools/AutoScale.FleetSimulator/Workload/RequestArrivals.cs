namespace AutoScale.FleetSimulator.Workload;

/// <summary>
/// The requests of the whole user base as one non-homogeneous Poisson stream (thinning against the curve's peak), with
/// lognormal audio lengths. Users are not modelled one by one: 10,000 independent listeners add up to a Poisson
/// stream whose mean is their combined daily audio divided by the mean request length.
/// </summary>
public sealed class RequestArrivals
{
    private readonly Random _random;
    private readonly DiurnalCurve _curve;
    private readonly double _peakRatePerSecond;
    private readonly double _logMean;
    private readonly double _logSigma;
    private double _time;

    public RequestArrivals(SimulatorOptions options)
    {
        _random = new Random(options.Seed);
        _curve = options.Curve;
        _peakRatePerSecond = options.RequestsPerDay / 86_400 * _curve.Peak;
        _logSigma = options.RequestSizeSigma;
        _logMean = Math.Log(options.RequestMinutes * 60) - _logSigma * _logSigma / 2;
    }

    public ArrivingRequest Next()
    {
        if (_peakRatePerSecond <= 0)
        {
            return new ArrivingRequest(double.PositiveInfinity, 0);
        }

        do
        {
            _time += -Math.Log(1 - _random.NextDouble()) / _peakRatePerSecond;
        }
        while (_random.NextDouble() * _curve.Peak > _curve.Level(_time));

        return new ArrivingRequest(_time, Math.Exp(_logMean + _logSigma * StandardNormal()));
    }

    private double StandardNormal() =>
        Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
}
