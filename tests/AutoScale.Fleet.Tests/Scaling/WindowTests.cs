using AutoScale.Fleet.Scaling;

namespace AutoScale.Fleet.Tests.Scaling;

public sealed class WindowTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    [Fact]
    public void The_arrival_rate_is_the_work_added_over_the_window_and_falls_to_zero_a_window_after_arrivals_stop()
    {
        var rate = new ArrivalRate();
        for (var second = 0; second <= 20; second++)
        {
            rate.Record(Start.AddSeconds(second), second * 3.0, Window); // 3 units a second
        }

        Assert.Equal(3, rate.PerSecond(Start.AddSeconds(20), Window), 3);
        for (var second = 21; second <= 31; second++)
        {
            rate.Record(Start.AddSeconds(second), 60, Window); // nothing more
        }

        Assert.Equal(0, rate.PerSecond(Start.AddSeconds(31), Window), 3);
    }

    [Fact]
    public void A_counter_that_restarts_is_not_read_as_negative_or_huge_arrivals()
    {
        var rate = new ArrivalRate();
        rate.Record(Start, 1_000, Window);
        rate.Record(Start.AddSeconds(1), 10, Window); // the queue reactivated

        Assert.Equal(0, rate.PerSecond(Start.AddSeconds(1), Window));
    }

    [Fact]
    public void Spare_capacity_is_unknown_until_the_window_is_covered_then_the_average_idle_less_headroom()
    {
        var spare = new SpareCapacityWindow();
        for (var second = 0; second < 10; second++)
        {
            spare.Record(Start.AddSeconds(second), idleWorkers: second % 2 == 0 ? 0 : 4, readyWorkers: 4, neededWorkers: 2, Window);
            Assert.Equal(0, spare.SpareThroughout(Start.AddSeconds(second), Window));
        }

        spare.Record(Start.AddSeconds(10), 4, 4, 2, Window);

        Assert.Equal(1, spare.SpareThroughout(Start.AddSeconds(10), Window)); // about 2.2 idle on average, less half a worker
        Assert.Equal(2, spare.PeakNeed());
    }

    [Fact]
    public void A_pool_where_nothing_ran_for_the_whole_window_can_let_every_worker_go_one_by_one()
    {
        var spare = new SpareCapacityWindow();
        for (var second = 0; second <= 10; second++)
        {
            spare.Record(Start.AddSeconds(second), idleWorkers: 2, readyWorkers: 2, neededWorkers: 0, Window);
        }

        Assert.Equal(2, spare.SpareThroughout(Start.AddSeconds(10), Window));
        spare.Spend();
        Assert.Equal(1, spare.SpareThroughout(Start.AddSeconds(10), Window));
    }
}
