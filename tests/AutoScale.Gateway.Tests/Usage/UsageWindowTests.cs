using AutoScale.Gateway.Usage;

namespace AutoScale.Gateway.Tests.Usage;

/// <summary>The span of a usage report from its query, on a given clock.</summary>
public sealed class UsageWindowTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 14, 25, 0, TimeSpan.Zero);

    [Fact]
    public void Without_a_query_a_report_covers_the_last_thirty_days_in_whole_days()
    {
        var (window, _, _) = UsageWindow.Parse(null, null, null, Now);

        Assert.Equal(new UsageWindow(new(2026, 11, 5, 0, 0, 0, TimeSpan.Zero), new(2026, 12, 6, 0, 0, 0, TimeSpan.Zero), UsageGranularity.Day), window);
    }

    [Fact]
    public void An_hourly_report_covers_the_last_day_in_whole_hours()
    {
        var (window, _, _) = UsageWindow.Parse(null, null, "hour", Now);

        Assert.Equal(new UsageWindow(new(2026, 12, 4, 14, 0, 0, TimeSpan.Zero), new(2026, 12, 5, 15, 0, 0, TimeSpan.Zero), UsageGranularity.Hour), window);
    }

    [Theory]
    [InlineData("2026-12-01", "2026-12-03", "2026-12-01T00:00:00Z", "2026-12-03T00:00:00Z")]
    [InlineData("2026-12-01T10:30:00Z", "2026-12-03T00:00:01Z", "2026-12-01T00:00:00Z", "2026-12-04T00:00:00Z")]
    [InlineData("2026-12-01T01:30:00+02:00", "2026-12-02", "2026-11-30T00:00:00Z", "2026-12-02T00:00:00Z")]
    public void Dates_and_times_widen_to_whole_days_in_utc(string from, string to, string start, string end)
    {
        var (window, _, _) = UsageWindow.Parse(from, to, "day", Now);

        Assert.Equal((DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture)),
            (window!.From, window.To));
    }

    [Theory]
    [InlineData(null, null, "week", "granularity")]
    [InlineData("yesterday", null, null, "from")]
    [InlineData(null, "2026-13-01", null, "to")]
    [InlineData("2026-12-05", "2026-12-01", null, "from")]
    [InlineData("2026-12-05T10:00:00Z", "2026-12-05T10:00:00Z", "hour", "from")]
    [InlineData("2020-01-01", "2026-12-01", "day", "from")]
    [InlineData("2026-09-01", "2026-12-01", "hour", "from")]
    [InlineData("0001-01-01", null, null, "from")]
    public void A_wrong_query_names_its_field(string? from, string? to, string? granularity, string field)
    {
        var (window, wrong, error) = UsageWindow.Parse(from, to, granularity, Now);

        Assert.Null(window);
        Assert.Equal(field, wrong);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }
}
