using AutoScale.Gateway.Operators;

namespace AutoScale.Gateway.Tests.Operators;

public sealed class FleetHistoryTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static FleetSample At(int seconds) => new(Start.AddSeconds(seconds), 0, []);

    [Fact]
    public void A_full_ring_drops_the_oldest_sample()
    {
        var history = new FleetHistory(3);

        foreach (var seconds in new[] { 0, 5, 10, 15 })
        {
            history.Add(At(seconds));
        }

        Assert.Equal([Start.AddSeconds(5), Start.AddSeconds(10), Start.AddSeconds(15)], history.Since(Start).Select(s => s.At));
    }

    [Fact]
    public void Since_keeps_only_the_samples_in_the_window_oldest_first()
    {
        var history = new FleetHistory(10);
        foreach (var seconds in new[] { 0, 60, 120 })
        {
            history.Add(At(seconds));
        }

        Assert.Equal([Start.AddSeconds(60), Start.AddSeconds(120)], history.Since(Start.AddSeconds(60)).Select(s => s.At));
    }

    [Fact]
    public void The_default_options_keep_an_hour_of_five_second_samples() =>
        Assert.Equal(720, new OperatorOptions().Capacity);
}
