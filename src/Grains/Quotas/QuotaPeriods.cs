namespace AutoScale.Grains.Quotas;

/// <summary>The periods daily and monthly quotas count in: UTC calendar days and months.</summary>
public static class QuotaPeriods
{
    public static DateTimeOffset DayStart(DateTimeOffset at) => new(at.UtcDateTime.Date, TimeSpan.Zero);

    public static DateTimeOffset NextDay(DateTimeOffset at) => DayStart(at).AddDays(1);

    public static DateTimeOffset MonthStart(DateTimeOffset at) => new(at.UtcDateTime.Year, at.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset NextMonth(DateTimeOffset at) => MonthStart(at).AddMonths(1);
}
