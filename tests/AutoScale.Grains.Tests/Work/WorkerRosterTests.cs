using AutoScale.Grains.Work;
using AutoScale.Grains.Work.Scheduling;
using AutoScale.Interfaces.Jobs;
using AutoScale.Interfaces.Work;

namespace AutoScale.Grains.Tests.Work;

public sealed class WorkerRosterTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static WorkLease LeaseHeldBy(string workerId) =>
        new(Guid.NewGuid(), new WorkItem(new WorkItemKey(Guid.NewGuid(), 0), Guid.NewGuid(), JobPriority.Normal, 100, 0, null, Start), workerId, Start.AddMinutes(1));

    [Fact]
    public void A_new_worker_is_busy_since_its_first_poll_and_each_take_or_finish_moves_that_on()
    {
        var roster = new WorkerRoster();

        roster.Seen("w", Start);
        roster.Seen("w", Start.AddSeconds(5));
        var first = Assert.Single(roster.Snapshot([]));
        roster.Busy("w", Start.AddSeconds(7));
        var after = Assert.Single(roster.Snapshot([]));

        Assert.Equal(new QueueWorker("w", 0, Start.AddSeconds(5), Start, false), first);
        Assert.Equal(Start.AddSeconds(7), after.BusyAt);
    }

    [Fact]
    public void A_finish_from_a_worker_that_never_polled_adds_no_worker()
    {
        var roster = new WorkerRoster();

        roster.Busy("stranger", Start);

        Assert.Empty(roster.Snapshot([]));
    }

    [Fact]
    public void A_worker_is_told_to_drain_once_and_shows_as_draining()
    {
        var roster = new WorkerRoster();
        roster.Seen("w", Start);

        var first = roster.Drain("w");
        var again = roster.Drain("w");

        Assert.Equal((true, false), (first, again));
        Assert.True(roster.IsDraining("w"));
        Assert.False(roster.IsDraining("other"));
        Assert.True(Assert.Single(roster.Snapshot([])).Draining);
    }

    [Fact]
    public void Each_worker_shows_how_many_leases_it_holds()
    {
        var roster = new WorkerRoster();
        roster.Seen("a", Start);
        roster.Seen("b", Start);

        var workers = roster.Snapshot([LeaseHeldBy("a"), LeaseHeldBy("a"), LeaseHeldBy("gone")]).ToDictionary(w => w.WorkerId);

        Assert.Equal((2, 0), (workers["a"].Leased, workers["b"].Leased));
        Assert.Equal(2, workers.Count);
    }

    [Fact]
    public void A_worker_silent_for_over_a_minute_and_holding_nothing_is_forgotten_with_its_drain()
    {
        var roster = new WorkerRoster();
        roster.Seen("silent", Start);
        roster.Seen("holding", Start);
        roster.Seen("recent", Start.AddSeconds(30));
        roster.Drain("silent");
        var leases = new[] { LeaseHeldBy("holding") };

        var atTheMinute = roster.ForgetSilent(Start + WorkerRoster.ForgetSilentAfter, leases);
        var past = roster.ForgetSilent(Start + WorkerRoster.ForgetSilentAfter + TimeSpan.FromTicks(1), leases);

        Assert.Equal((0, 1), (atTheMinute, past));
        Assert.Equal(["holding", "recent"], roster.Snapshot(leases).Select(w => w.WorkerId).Order());
        Assert.False(roster.IsDraining("silent"));
    }

    [Fact]
    public void A_dead_worker_is_forgotten_at_once()
    {
        var roster = new WorkerRoster();
        roster.Seen("dead", Start);
        roster.Drain("dead");

        roster.Remove("dead");

        Assert.Empty(roster.Snapshot([]));
        Assert.False(roster.IsDraining("dead"));
    }
}
