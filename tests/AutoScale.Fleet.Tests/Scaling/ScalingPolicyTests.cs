using AutoScale.Fleet.Scaling;
using Microsoft.Extensions.Time.Testing;

namespace AutoScale.Fleet.Tests.Scaling;

public sealed class ScalingPolicyTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(2);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero));
    private readonly ScalingPolicy _policy = new(new ScalingPolicyOptions { TargetWaitSeconds = 30 });

    private VirtualPool NewPool() => new(_policy, _clock);

    [Fact]
    public void An_empty_pool_with_nothing_queued_stays_at_zero()
    {
        var pool = NewPool();
        for (var i = 0; i < 100; i++)
        {
            pool.Tick(Tick);
        }

        Assert.Equal(0, pool.Provisioned);
        Assert.All(pool.Decisions, d => Assert.Equal(ScalingAction.Hold, d.Action));
    }

    [Fact]
    public void A_burst_on_an_empty_pool_asks_at_once_for_enough_workers_to_drain_it_within_the_target_wait()
    {
        var pool = NewPool();
        pool.Backlog = 300; // 300 s of work, 30 s target, 1 s/s per worker: 10 workers

        var first = pool.Tick(Tick);

        Assert.Equal(ScalingAction.ScaleUp, first.Action);
        Assert.Equal(10, first.Desired);
        Assert.Contains("no worker is up", first.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_queued_chunk_on_an_empty_pool_gets_one_worker()
    {
        var pool = NewPool();
        pool.Backlog = 0.2;

        Assert.Equal(1, pool.Tick(Tick).Desired);
    }

    [Fact]
    public void A_pool_whose_voices_no_worker_reported_gets_one_worker_that_goes_once_they_are_known_and_it_idles()
    {
        var pool = NewPool();
        pool.AwaitingVoices = true;

        var first = pool.Tick(Tick);
        for (var i = 0; i < 40; i++) // past the 60 s boot time: one worker, asked for once
        {
            pool.Tick(Tick);
        }

        Assert.Equal(ScalingAction.ScaleUp, first.Action);
        Assert.Equal(1, first.Desired);
        Assert.Contains("voices", first.Reason, StringComparison.Ordinal);
        Assert.Equal(1, pool.Provisioned);
        Assert.Equal(1, pool.Ready);

        pool.AwaitingVoices = false; // the worker reported them
        for (var i = 0; i < 100 && pool.Ready > 0; i++)
        {
            pool.Tick(Tick);
        }

        Assert.Equal(0, pool.Ready);
        Assert.Equal(1, pool.Provisioned);
    }

    [Fact]
    public void A_pool_awaiting_its_voices_with_a_maximum_of_zero_starts_nothing()
    {
        var pool = NewPool();
        pool.AwaitingVoices = true;
        pool.Bounds = new PoolBounds(0, 0);

        Assert.Equal(0, pool.Tick(Tick).Desired);
    }

    [Fact]
    public void Workers_still_booting_count_so_the_same_backlog_is_never_provisioned_twice()
    {
        var pool = NewPool();
        pool.Backlog = 300;
        pool.Tick(Tick);
        var provisionedAfterFirstTick = pool.Provisioned;

        for (var i = 0; i < 20; i++) // 40 s, still inside the 60 s boot time
        {
            pool.Tick(Tick);
        }

        Assert.Equal(10, provisionedAfterFirstTick);
        Assert.Equal(10, pool.Provisioned);
        Assert.Equal(10, pool.Starting);
    }

    [Fact]
    public void Ready_workers_that_finish_before_a_new_one_could_boot_are_left_to_it()
    {
        // 50 s of work for one ready worker: over the 30 s target, yet done before a 60 s boot would bring help.
        var decision = _policy.Decide(Snapshot(ready: 1, backlog: 50, boot: 60));

        Assert.Equal(ScalingAction.Hold, decision.Action);
        Assert.Contains("before a new one could boot", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_is_sized_for_what_will_be_left_once_it_has_booted()
    {
        // 2 ready workers, 300 s of work, 60 s boot: 180 s will be left, which 6 workers drain in 30 s.
        var decision = _policy.Decide(Snapshot(ready: 2, backlog: 300, boot: 60));

        Assert.Equal(ScalingAction.ScaleUp, decision.Action);
        Assert.Equal(6, decision.Desired);
    }

    [Fact]
    public void Steady_arrivals_keep_enough_workers_even_with_no_backlog()
    {
        var decision = _policy.Decide(Snapshot(ready: 1, backlog: 0, boot: 60) with { ArrivingSecondsPerSecond = 2.5 });

        Assert.Equal(3, decision.Desired);
        Assert.Contains("arrives", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Steady_load_keeps_a_steady_fleet()
    {
        var pool = NewPool();
        for (var i = 0; i < 600; i++) // 20 minutes with 4 s of work arriving every 2 s tick: 2 workers' worth
        {
            pool.Backlog += 4;
            pool.Tick(Tick);
        }

        var lastTenMinutes = pool.Decisions.Skip(300).ToList();
        Assert.All(lastTenMinutes, d => Assert.Equal(ScalingAction.Hold, d.Action));
        Assert.InRange(pool.Ready, 2, 3);
        Assert.True(pool.Backlog < 30, $"backlog {pool.Backlog} s should stay under the target");
    }

    [Fact]
    public void When_load_ends_the_fleet_shrinks_one_worker_at_a_time_after_the_idle_window_down_to_zero()
    {
        var pool = NewPool();
        pool.IdleWindow = TimeSpan.FromSeconds(60);
        pool.Backlog = 300;
        var peak = 0;
        DateTimeOffset? drained = null;
        var downs = new List<DateTimeOffset>();
        for (var i = 0; i < 1000 && (i < 10 || pool.Ready + pool.Starting > 0); i++)
        {
            if (pool.Tick(Tick).Action == ScalingAction.ScaleDown)
            {
                Assert.Equal(0, pool.Backlog);
                downs.Add(_clock.GetUtcNow());
            }

            peak = Math.Max(peak, pool.Ready);
            drained ??= pool.Ready == 10 ? _clock.GetUtcNow() : null;
        }

        Assert.Equal(10, peak);
        Assert.Equal(0, pool.Ready);
        Assert.Equal(10, downs.Count);
        Assert.True(downs[0] - drained >= pool.IdleWindow, $"first worker left {downs[0] - drained} after the whole fleet was up");
        Assert.All(pool.Decisions.Where(d => d.Action == ScalingAction.ScaleDown), d => Assert.Equal(d.Current - 1, d.Desired));
        Assert.All(pool.Decisions.Where(d => d.Action == ScalingAction.ScaleDown), d => Assert.Contains("unused over the idle window", d.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Flapping_input_settles_instead_of_churning_workers()
    {
        var pool = NewPool();
        pool.IdleWindow = TimeSpan.FromSeconds(120);
        for (var i = 0; i < 900; i++) // 30 minutes: a 90 s burst of work every minute, quiet in between
        {
            if (i % 30 == 0)
            {
                pool.Backlog += 90;
            }

            pool.Tick(Tick);
        }

        var lastTwentyMinutes = pool.Decisions.Skip(300).ToList();
        Assert.True(pool.Provisioned <= 8, $"provisioned {pool.Provisioned}: " + string.Join("; ", pool.Decisions.Select((d, i) => (d, i)).Where(x => x.d.Action != ScalingAction.Hold).Select(x => $"{x.i}: {x.d.Current}->{x.d.Desired} {x.d.Reason}")));
        Assert.DoesNotContain(lastTwentyMinutes, d => d.Action == ScalingAction.ScaleUp);
        Assert.True(lastTwentyMinutes.Count(d => d.Action == ScalingAction.ScaleDown) <= 1, string.Join("; ", lastTwentyMinutes.Where(d => d.Action != ScalingAction.Hold)));
        Assert.True(pool.Provisioned <= 8, $"provisioned {pool.Provisioned}: " + string.Join("; ", pool.Decisions.Select((d, i) => (d, i)).Where(x => x.d.Action != ScalingAction.Hold).Select(x => $"{x.i}: {x.d.Current}->{x.d.Desired} {x.d.Reason}")));
    }

    [Fact]
    public void The_budget_caps_the_fleet_and_says_so()
    {
        var pool = NewPool();
        pool.CostPerHour = 0.69m;
        pool.Budget = 3m; // buys 4
        pool.Backlog = 3000;

        var decision = pool.Tick(Tick);

        Assert.Equal(4, decision.Desired);
        Assert.Contains("budget", decision.Reason, StringComparison.Ordinal);
        for (var i = 0; i < 50; i++)
        {
            Assert.True(pool.Tick(Tick).Desired <= 4);
        }
    }

    [Fact]
    public void The_maximum_bound_caps_a_burst()
    {
        var pool = NewPool();
        pool.Bounds = new PoolBounds(0, 2);
        pool.Backlog = 3000;

        Assert.Equal(2, pool.Tick(Tick).Desired);
    }

    [Fact]
    public void Raising_the_minimum_starts_workers_with_nothing_queued_and_lowering_the_maximum_shrinks_the_fleet()
    {
        var pool = NewPool();
        pool.Bounds = new PoolBounds(3, 50);
        var raised = pool.Tick(Tick);
        Assert.Equal(3, raised.Desired);
        Assert.Contains("minimum", raised.Reason, StringComparison.Ordinal);

        for (var i = 0; i < 40; i++)
        {
            pool.Tick(Tick);
        }

        Assert.Equal(3, pool.Ready);
        pool.Bounds = new PoolBounds(0, 1);
        var lowered = pool.Tick(Tick);
        Assert.Equal(1, lowered.Desired);
        Assert.Contains("maximum", lowered.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_minimum_is_kept_even_when_idle()
    {
        var pool = NewPool();
        pool.Bounds = new PoolBounds(1, 5);
        pool.IdleWindow = TimeSpan.FromSeconds(10);
        for (var i = 0; i < 200; i++)
        {
            pool.Tick(Tick);
        }

        Assert.Equal(1, pool.Ready);
    }

    private static PoolSnapshot Snapshot(int ready, double backlog, double boot) => new()
    {
        Pool = "gpu",
        Bounds = new PoolBounds(0, 50),
        QueuedChunks = backlog > 0 ? 10 : 0,
        QueuedSeconds = backlog,
        LeasedSeconds = 0,
        Starting = 0,
        Ready = ready,
        Busy = ready,
        SpareThroughoutWindow = 0,
        WorkerThroughput = 1,
        BootTime = TimeSpan.FromSeconds(boot),
        WorkerCostPerHourUsd = 0,
    };

    [Fact]
    public void A_busy_worker_is_never_chosen_to_leave_while_work_remains()
    {
        var snapshot = new PoolSnapshot
        {
            Pool = "gpu",
            Bounds = new PoolBounds(0, 10),
            QueuedChunks = 0,
            QueuedSeconds = 0,
            LeasedSeconds = 3,
            Starting = 0,
            Ready = 3,
            Busy = 3,
            SpareThroughoutWindow = 0,
            WorkerThroughput = 1,
            BootTime = TimeSpan.FromSeconds(60),
            WorkerCostPerHourUsd = 0,
        };

        Assert.Equal(ScalingAction.Hold, _policy.Decide(snapshot).Action);
    }
}
