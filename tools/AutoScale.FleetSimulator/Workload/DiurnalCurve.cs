namespace AutoScale.FleetSimulator.Workload;

/// <summary>
/// How the arrival rate moves over a day, relative to the daily mean: a half-cosine rise from the trough hour to the
/// peak hour and a half-cosine fall back, so the curve is smooth, can be asymmetric (a long climb through the day, a
/// quick drop after the evening peak), and averages exactly 1 whatever the hours, because each half-cosine segment
/// averages the midpoint of trough and peak.
/// </summary>
public sealed record DiurnalCurve(double TroughHour, double PeakHour, double PeakToTrough)
{
    /// <summary>Quietest at 04:00, busiest at 21:00, four times as busy at the peak as at the trough.</summary>
    public static DiurnalCurve Evening { get; } = new(4, 21, 4);

    public bool IsValid => TroughHour is >= 0 and < 24 && PeakHour is >= 0 and < 24 && TroughHour != PeakHour && PeakToTrough >= 1;

    /// <summary>The rate at the trough, as a multiple of the daily mean.</summary>
    public double Trough => 2 / (1 + PeakToTrough);

    /// <summary>The rate at the peak, as a multiple of the daily mean.</summary>
    public double Peak => 2 * PeakToTrough / (1 + PeakToTrough);

    /// <summary>The rate at <paramref name="seconds"/> since the start of the simulation (day 0, 00:00).</summary>
    public double Level(double seconds)
    {
        var hour = seconds / 3600 % 24;
        var rising = Hours(TroughHour, PeakHour);
        var sinceTrough = Hours(TroughHour, hour);
        return sinceTrough < rising
            ? Trough + (Peak - Trough) * HalfCosine(sinceTrough / rising)
            : Peak - (Peak - Trough) * HalfCosine((sinceTrough - rising) / (24 - rising));
    }

    public override string ToString() =>
        FormattableString.Invariant($"half-cosine rise from {TroughHour:00}:00 (trough, {Trough:0.##}x mean) to {PeakHour:00}:00 (peak, {Peak:0.##}x mean) and back");

    private static double Hours(double from, double to) => ((to - from) % 24 + 24) % 24;

    private static double HalfCosine(double phase) => (1 - Math.Cos(Math.PI * phase)) / 2;
}
