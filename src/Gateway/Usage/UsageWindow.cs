using System.Globalization;

namespace AutoScale.Gateway.Usage;

/// <summary>
/// The span a usage report covers, widened to whole buckets: <c>from</c> down to its bucket's start, <c>to</c> up to its
/// bucket's end. Parsing is pure (the clock is passed), so every default and limit is tested without a server.
/// </summary>
public sealed record UsageWindow(DateTimeOffset From, DateTimeOffset To, UsageGranularity Granularity)
{
    public const int MaxDays = 400;
    public const int MaxHours = 24 * 62;

    public string Unit => Granularity == UsageGranularity.Day ? "day" : "hour";

    /// <summary>
    /// From the query: <paramref name="granularity"/> <c>day</c> (default) or <c>hour</c>; <paramref name="from"/> and
    /// <paramref name="to"/> as ISO 8601 dates or times (UTC unless an offset is given), defaulting to the last 30 days
    /// or 24 hours up to now. Returns the field and the reason when something is wrong.
    /// </summary>
    public static (UsageWindow? Window, string? Field, string? Error) Parse(string? from, string? to, string? granularity, DateTimeOffset now)
    {
        UsageGranularity unit;
        switch (granularity?.Trim().ToLowerInvariant())
        {
            case null or "" or "day":
                unit = UsageGranularity.Day;
                break;
            case "hour":
                unit = UsageGranularity.Hour;
                break;
            default:
                return (null, "granularity", "Granularity must be day or hour.");
        }

        if (!TryParseTime(to, out var end))
        {
            return (null, "to", "To must be an ISO 8601 date or time, e.g. 2026-12-05 or 2026-12-05T14:00:00Z.");
        }

        if (!TryParseTime(from, out var start))
        {
            return (null, "from", "From must be an ISO 8601 date or time, e.g. 2026-12-01 or 2026-12-05T08:00:00Z.");
        }

        var step = unit == UsageGranularity.Day ? TimeSpan.FromDays(1) : TimeSpan.FromHours(1);
        var window = new UsageWindow(Floor(start ?? (end ?? now) - (unit == UsageGranularity.Day ? TimeSpan.FromDays(30) : TimeSpan.FromHours(24)), step),
            Ceiling(end ?? now, step), unit);
        if (window.From >= window.To)
        {
            return (null, "from", "From must be before to.");
        }

        var buckets = (window.To - window.From) / step;
        var max = unit == UsageGranularity.Day ? MaxDays : MaxHours;
        return buckets > max
            ? (null, "from", string.Create(CultureInfo.InvariantCulture, $"A report spans at most {max} {window.Unit}s; this one spans {buckets:0}."))
            : (window, null, null);
    }

    private static bool TryParseTime(string? text, out DateTimeOffset? time)
    {
        time = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            || parsed.Year < 2000 || parsed.Year > 9000)
        {
            return false;
        }

        time = parsed;
        return true;
    }

    private static DateTimeOffset Floor(DateTimeOffset at, TimeSpan step) =>
        new(at.UtcTicks - (at.UtcTicks % step.Ticks), TimeSpan.Zero);

    private static DateTimeOffset Ceiling(DateTimeOffset at, TimeSpan step)
    {
        var floor = Floor(at, step);
        return floor.UtcTicks == at.UtcTicks ? floor : floor + step;
    }
}
