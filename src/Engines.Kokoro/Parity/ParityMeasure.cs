using System.Globalization;

namespace AutoScale.Engines.Kokoro.Parity;

/// <summary>One measured figure of a parity check (e.g. "max abs") against its bound.</summary>
internal sealed record ParityMeasure(string Name, double Value, ParityBound Kind, double Bound)
{
    // NaN fails every kind: a comparison of NaN is false.
    public bool Holds => Kind switch
    {
        ParityBound.AtMost => Value <= Bound,
        ParityBound.AtLeast => Value >= Bound,
        _ => Value == Bound,
    };

    public override string ToString()
    {
        var relation = Kind switch
        {
            ParityBound.AtMost => "≤",
            ParityBound.AtLeast => "≥",
            _ => "=",
        };
        return string.Create(CultureInfo.InvariantCulture, $"{Name} {Format(Value)} (bound {relation} {Format(Bound)})");
    }

    private static string Format(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e9 ? value.ToString("0", CultureInfo.InvariantCulture)
        : Math.Abs(value) >= 10 ? value.ToString("0.0", CultureInfo.InvariantCulture)
        : Math.Abs(value) >= 1e-3 ? value.ToString("0.0#########", CultureInfo.InvariantCulture)
        : value.ToString("0.0##e0", CultureInfo.InvariantCulture);
}
