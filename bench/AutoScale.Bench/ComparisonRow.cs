using System.Globalization;

namespace AutoScale.Bench;

/// <summary>One measured figure, the target for it (if any) and whether it is met.</summary>
public sealed record ComparisonRow(string Figure, string Measured, string Target, string Verdict)
{
    public static ComparisonRow Plain(string figure, string measured) => new(figure, measured, "–", "–");

    /// <summary>A figure that must reach <paramref name="goal"/>; a miss says by how much, as a share of the goal.</summary>
    public static ComparisonRow AtLeast(string figure, double value, double goal, string format, string unit) =>
        new(figure, Show(value, format, unit), "≥ " + Show(goal, format, unit),
            value >= goal ? "met" : Invariant($"missed by {(goal - value) / goal:0%} ({Show(goal - value, format, unit)} short)"));

    /// <summary>A figure that must stay below <paramref name="limit"/>; a miss says by how much it is over.</summary>
    public static ComparisonRow Below(string figure, double value, double limit, string format, string unit) =>
        new(figure, Show(value, format, unit), "< " + Show(limit, format, unit),
            value < limit ? "met" : Invariant($"missed: {value / limit:0.0}× the limit ({Show(value - limit, format, unit)} over)"));

    private static string Show(double value, string format, string unit) => value.ToString(format, CultureInfo.InvariantCulture) + unit;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
