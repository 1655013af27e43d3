namespace AutoScale.Engines.Kokoro.Parity;

/// <summary>
/// How closely <c>actual</c> follows <c>expected</c>: the largest absolute difference, the signal-to-error ratio
/// <c>10·log10(Σ expected² / Σ (expected − actual)²)</c> in dB, and Pearson's correlation. Arrays of different lengths
/// do not agree at all (∞, −∞, NaN), so every bound fails.
/// </summary>
internal sealed record SignalAgreement(double MaxAbs, double SnrDb, double Correlation)
{
    public static SignalAgreement Between(IReadOnlyList<double> expected, IReadOnlyList<double> actual)
    {
        if (expected.Count != actual.Count || expected.Count == 0)
        {
            return new SignalAgreement(double.PositiveInfinity, double.NegativeInfinity, double.NaN);
        }

        double maxAbs = 0, signal = 0, error = 0;
        double meanExpected = expected.Average(), meanActual = actual.Average();
        double covariance = 0, varianceExpected = 0, varianceActual = 0;
        for (var i = 0; i < expected.Count; i++)
        {
            var difference = expected[i] - actual[i];
            maxAbs = Math.Max(maxAbs, Math.Abs(difference));
            signal += expected[i] * expected[i];
            error += difference * difference;
            var e = expected[i] - meanExpected;
            var a = actual[i] - meanActual;
            covariance += e * a;
            varianceExpected += e * e;
            varianceActual += a * a;
        }

        var snr = error == 0 ? double.PositiveInfinity : 10 * Math.Log10(signal / error);
        var correlation = varianceExpected == 0 && varianceActual == 0 && error == 0 ? 1 : covariance / Math.Sqrt(varianceExpected * varianceActual);
        return new SignalAgreement(maxAbs, snr, correlation);
    }
}
