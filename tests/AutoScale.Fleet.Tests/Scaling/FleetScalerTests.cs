using AutoScale.Fleet.Providers;
using AutoScale.Fleet.Scaling;
using AutoScale.Fleet.Scaling.Steps;

namespace AutoScale.Fleet.Tests.Scaling;

/// <summary>
/// The scaling core's decisions, tick by tick on a fake clock with plain inputs: what the scaler's end-to-end tests
/// prove with real processes, in milliseconds. The pool: bounds 0..4, a 10 s idle window, 60 s target wait, 100
/// characters to an engine second, workers that get through one engine second a second and cost $0.50/h.
/// </summary>
public sealed class FleetScalerTests
{
    private const string Pool = FakeFleet.Pool;

    [Theory]
    [InlineData(1, 100, 1)] // a chunk of a second: one worker
    [InlineData(10, 12_000, 2)] // 120 s of work, 60 s target
    [InlineData(40, 60_000, 4)] // 600 s of work: ten wanted, capped at the maximum
    public void A_backlog_on_an_empty_pool_asks_at_once_for_the_workers_that_drain_it_within_the_target_wait(int chunks, long characters, int workers)
    {
        var fleet = new FakeFleet { Queued = (chunks, characters) };

        var plan = fleet.Tick();

        Assert.Equal(workers, plan.Decision.Desired);
        Assert.Equal(workers, Assert.Single(plan.Steps.OfType<ProvisionWorkers>()).Count);
        var scaleUp = Assert.Single(fleet.Events);
        Assert.Equal(("scale-up", 0, workers), (scaleUp.Action, scaleUp.From, scaleUp.To));
        Assert.All(fleet.Live, w => Assert.Equal(WorkerStage.Booting, w.Stage));
        Assert.Equal(workers, fleet.Live.Count);
    }

    [Fact]
    public void Workers_still_booting_count_so_the_same_backlog_is_never_asked_for_twice()
    {
        var fleet = new FakeFleet { Queued = (10, 12_000) };

        for (var i = 0; i < 50; i++)
        {
            fleet.Tick();
        }

        Assert.Equal(2, fleet.Live.Count);
        Assert.Single(fleet.Events, e => e.Action == "scale-up");
    }

    [Theory]
    [InlineData(false, false, WorkerStage.Joining)]
    [InlineData(false, true, WorkerStage.Joining)]
    [InlineData(true, false, WorkerStage.Joining)]
    [InlineData(true, true, WorkerStage.Ready)]
    public void A_booting_worker_joins_when_its_silo_appears_and_is_ready_only_once_that_silo_is_active_and_polls_its_queue(
        bool active, bool polling, WorkerStage stage)
    {
        var fleet = new FakeFleet();
        var worker = fleet.Asked("w1");
        fleet.Tick();
        Assert.Equal(WorkerStage.Booting, worker.Stage);

        fleet.Boot(worker, active, polling);
        fleet.Tick();

        Assert.Equal(stage, worker.Stage);
        Assert.Equal(FakeFleet.SiloOf(worker), worker.Silo);
        Assert.Equal(stage == WorkerStage.Ready ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(60), fleet.Scaler.Pool(Pool).Observed.BootTime);
    }

    [Fact]
    public void A_worker_not_pulling_work_by_the_boot_deadline_is_terminated_and_the_backlog_asks_for_another()
    {
        var fleet = new FakeFleet { Queued = (1, 100) };
        var stuck = fleet.Asked("w1", ago: TimeSpan.FromSeconds(119));
        fleet.Boot(stuck, active: false, polling: false);

        fleet.Tick(); // 120 s: not past the deadline yet
        Assert.Equal(WorkerStage.Joining, stuck.Stage);
        var plan = fleet.Tick();

        Assert.Equal(WorkerStage.Gone, stuck.Stage);
        Assert.Equal("not pulling work 120 s after it was asked for (boot deadline)", stuck.Reason);
        Assert.Equal((0, 1), (plan.Decision.Current, plan.Decision.Desired));
        Assert.Single(plan.Steps.OfType<ProvisionWorkers>());
    }

    [Fact]
    public void A_ready_worker_whose_silo_dies_unasked_is_terminated_and_replaced_in_the_same_tick()
    {
        var fleet = new FakeFleet { Queued = (1, 100) };
        var worker = Assert.Single(fleet.ReadyWorkers(1));
        fleet.Tick();

        fleet.Leave(worker);
        var plan = fleet.Tick();

        Assert.Equal(WorkerStage.Gone, worker.Stage);
        Assert.Equal("its silo left the cluster unasked (crashed or killed)", worker.Reason);
        Assert.Contains(fleet.Events, e => e.Action == "terminate" && e.From == 1 && e.To == 0);
        Assert.Equal(1, Assert.Single(plan.Steps.OfType<ProvisionWorkers>()).Count);
    }

    [Theory]
    [InlineData(false, 30, WorkerStage.Draining, null)] // still finishing its chunks: its queue is told again
    [InlineData(true, 1, WorkerStage.Gone, "drained and left the cluster")]
    [InlineData(false, 61, WorkerStage.Gone, "still in the cluster 60 s after it was told to drain")]
    public void A_draining_worker_is_terminated_once_its_silo_has_left_or_the_drain_deadline_passed(bool left, int drainingSeconds, WorkerStage stage, string? reason)
    {
        var fleet = new FakeFleet();
        var worker = Assert.Single(fleet.ReadyWorkers(1));
        worker.Drain(fleet.Now - TimeSpan.FromSeconds(drainingSeconds - 1), "told");
        if (left)
        {
            fleet.Leave(worker);
        }

        var before = fleet.Done.Count;
        fleet.Tick();

        Assert.Equal(stage, worker.Stage);
        Assert.Equal(reason ?? "told", worker.Reason);
        Assert.Equal(stage == WorkerStage.Draining, fleet.Done.Skip(before).OfType<TellToDrain>().Any());
    }

    [Fact]
    public void An_idle_fleet_shrinks_one_worker_at_a_time_the_longest_idle_first_and_only_after_the_idle_window()
    {
        var fleet = new FakeFleet();
        var (first, second) = (fleet.ReadyWorkers(2)[1], fleet.Live[0]);
        fleet.Lease(first, 0, busyAt: fleet.Now - TimeSpan.FromSeconds(5)); // idle longer
        var readyAt = fleet.Now;

        Assert.True(fleet.TickUntil(plan => plan.Steps.OfType<DrainWorker>().Any()));
        Assert.True(fleet.Now - readyAt >= fleet.Settings.IdleWindow, $"a worker left {fleet.Now - readyAt} after the fleet went idle");
        Assert.Equal(WorkerStage.Draining, first.Stage);
        for (var i = 0; i < 5; i++) // the second waits while the first still drains
        {
            Assert.DoesNotContain(fleet.Tick().Steps, s => s is DrainWorker);
        }

        fleet.Leave(first);
        fleet.Tick();

        Assert.Equal(WorkerStage.Gone, first.Stage);
        Assert.Equal(WorkerStage.Draining, second.Stage);
        Assert.Equal(
            ["scale-down 2→1", "terminate 1→1", "scale-down 1→0"],
            fleet.Events.Select(e => $"{e.Action} {e.From}→{e.To}"));
        Assert.All(fleet.Events.Where(e => e.Action == "scale-down"), e => Assert.Contains("unused over the idle window", e.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void The_fleet_never_shrinks_below_its_busy_workers_even_after_an_idle_spell()
    {
        var fleet = new FakeFleet();
        var workers = fleet.ReadyWorkers(2);
        for (var i = 0; i < 8; i++)
        {
            fleet.Tick();
        }

        workers.ForEach(w => fleet.Lease(w, 1));
        for (var i = 0; i < 30; i++)
        {
            var plan = fleet.Tick();
            Assert.DoesNotContain(plan.Steps, s => s is DrainWorker or TerminateWorker);
        }

        Assert.All(workers, w => Assert.Equal(WorkerStage.Ready, w.Stage));
    }

    [Fact]
    public void Workers_leave_starting_ones_first_newest_first_then_the_ready_ones_holding_least_and_idle_longest()
    {
        var at = FakeFleet.Start;
        FleetWorkerRecord Worker(string id, WorkerStage stage, int created, int since = 0) => new()
        {
            Id = id, Pool = Pool, Provider = "fake", Image = "", Stage = stage, CreatedAt = at.AddSeconds(created),
            StateSince = at.AddSeconds(since), Silo = stage == WorkerStage.Ready ? $"silo-{id}" : null,
        };
        PullingWorker Pulling(string id, int leased, int busyAt) => new($"silo-{id}", leased, at.AddSeconds(busyAt), false);
        var workers = new[]
        {
            Worker("busy with three", WorkerStage.Ready, 0), Worker("older booting", WorkerStage.Booting, 1),
            Worker("idle since 8 s", WorkerStage.Ready, 0), Worker("draining", WorkerStage.Draining, 0),
            Worker("not seen by its queue, ready since 3 s", WorkerStage.Ready, 0, since: 3), Worker("busy with one", WorkerStage.Ready, 0),
            Worker("newer joining", WorkerStage.Joining, 5), Worker("idle since 1 s", WorkerStage.Ready, 0),
        };
        var pulling = new[]
        {
            Pulling("busy with three", 3, 0), Pulling("idle since 8 s", 0, 8), Pulling("busy with one", 1, 2), Pulling("idle since 1 s", 0, 1),
        }.ToDictionary(w => w.WorkerId);

        Assert.Equal(
            ["newer joining", "older booting", "idle since 1 s", "not seen by its queue, ready since 3 s", "idle since 8 s", "busy with one", "busy with three"],
            DrainOrder.Rank(workers, pulling).Select(w => w.Id));
    }

    [Fact]
    public void Lowering_the_maximum_lets_several_go_at_once_starting_ones_terminated_and_ready_ones_drained()
    {
        var fleet = new FakeFleet();
        var ready = fleet.ReadyWorkers(3);
        var booting = fleet.Asked("w9");
        fleet.Settings = fleet.Settings with { Bounds = new PoolBounds(0, 1) };

        var plan = fleet.Tick();

        Assert.Equal((4, 1), (plan.Decision.Current, plan.Decision.Desired));
        Assert.Contains("maximum", plan.Decision.Reason, StringComparison.Ordinal);
        Assert.Equal("not needed any more before it was ready", Assert.Single(plan.Steps.OfType<TerminateWorker>(), t => t.Worker == booting).Reason);
        Assert.Equal(2, plan.Steps.OfType<DrainWorker>().Count());
        Assert.Equal(1, ready.Count(w => w.Stage == WorkerStage.Ready));
    }

    [Theory]
    [InlineData(1.0, 0.0, 2)]
    [InlineData(1.0, 0.5, 1)] // another pool's worker spends half of it
    [InlineData(0.4, 0.0, 0)]
    [InlineData(100.0, 0.0, 4)] // the maximum binds first
    public void The_budget_less_the_other_pools_spend_caps_the_pool_and_says_so(double budget, double otherPools, int workers)
    {
        var fleet = new FakeFleet(budgetUsdPerHour: (decimal)budget) { Queued = (40, 60_000) };
        if (otherPools > 0)
        {
            fleet.Scaler.Workers.Add(FleetWorkerRecord.Booting("cpu-1", "cpu", "fake", "", (decimal)otherPools, fleet.Now));
        }

        var decision = fleet.Tick().Decision;

        Assert.Equal(workers, decision.Desired);
        Assert.Equal(workers < 4, decision.Reason.Contains("budget", StringComparison.Ordinal));
        Assert.Equal(workers, fleet.Live.Count);
    }

    [Theory]
    [InlineData("a", "a", 0, false)] // the image a worker could not serve: held
    [InlineData("a", "b", 0, true)] // a new image: tried again
    [InlineData(null, "a", 0, true)] // the mark cleared (an operator set the bounds): tried again
    [InlineData("a", "a", 1, true)] // a ready worker proves it can be served: cleared
    public void A_pool_a_worker_could_not_serve_is_not_grown_with_that_image_until_the_mark_clears(string? markedImage, string image, int ready, bool grows)
    {
        var fleet = new FakeFleet { Settings = new FakeFleet().Settings with { Image = image } };
        if (ready > 0)
        {
            fleet.ReadyWorkers(ready, image);
        }

        fleet.Queued = (40, 60_000);
        fleet.Settings = fleet.Settings with { Unservable = markedImage is null ? null : new UnservablePool("engine missing", markedImage, FakeFleet.Start) };

        var plan = fleet.Tick();

        Assert.Equal(grows, plan.Steps.OfType<ProvisionWorkers>().Any());
        Assert.Equal(grows ? ready + plan.Steps.OfType<ProvisionWorkers>().Sum(p => p.Count) : ready, fleet.Live.Count);
        Assert.Equal(grows, plan.Decision.Action == ScalingAction.ScaleUp);
        Assert.Equal(!grows, plan.Decision.Reason == "not scaled up: engine missing (set the pool's bounds or image to try again)");
        Assert.Equal(ready > 0 && markedImage == image, fleet.Events.Any(e => e.Action == "servable") && fleet.Settings.Unservable is null);
    }

    [Fact]
    public void A_decision_held_below_the_need_is_recorded_at_most_once_a_minute()
    {
        var fleet = new FakeFleet { Queued = (1, 100) };
        fleet.Settings = fleet.Settings with { Unservable = new UnservablePool("engine missing", "", FakeFleet.Start) };

        var holdsAt = new List<int>();
        for (var second = 1; second <= 100; second++)
        {
            if (fleet.Tick().Steps.OfType<RecordEvent>().Any(e => e.Action == "hold"))
            {
                holdsAt.Add(second);
            }
        }

        Assert.Equal([1, 61], holdsAt);
        Assert.Empty(fleet.Live);
    }

    [Fact]
    public void A_new_image_starts_as_many_new_workers_as_were_ready_and_drains_an_old_one_only_when_a_new_one_is_ready()
    {
        var fleet = new FakeFleet { Settings = new FakeFleet().Settings with { Image = "a" } };
        var old = fleet.ReadyWorkers(2, "a");
        fleet.Settings = fleet.Settings with { Image = "b" };
        fleet.Scaler.Pool(Pool).ImageChanged();

        var plan = fleet.Tick();
        fleet.Tick();

        var roll = Assert.Single(fleet.Events, e => e.Action == "roll");
        Assert.Equal((2, 2), (roll.From, roll.To));
        Assert.Equal(("b", 2), (Assert.Single(plan.Steps.OfType<ProvisionWorkers>()).Image, plan.Steps.OfType<ProvisionWorkers>().Single().Count));
        var fresh = fleet.Live.Where(w => w.Image == "b").ToList();
        Assert.Equal(2, fresh.Count);
        Assert.All(old, w => Assert.Equal(WorkerStage.Ready, w.Stage));

        foreach (var worker in fresh)
        {
            fleet.Boot(worker);
            fleet.Tick();
            Assert.Equal(fresh.IndexOf(worker) + 1, old.Count(w => w.Stage == WorkerStage.Draining));
        }

        old.ForEach(fleet.Leave);
        fleet.Tick();
        fleet.Tick();

        var replaced = fleet.Events.Where(e => e.Action == "replace").ToList();
        Assert.Equal(2, replaced.Count);
        Assert.All(replaced, e => Assert.Equal((3, 2), (e.From, e.To)));
        Assert.Single(fleet.Events, e => e.Action == "rolled");
        Assert.All(fleet.Live, w => Assert.Equal(("b", WorkerStage.Ready), (w.Image, w.Stage)));
    }

    [Fact]
    public void Old_workers_still_starting_when_the_image_changes_are_stopped_at_once()
    {
        var fleet = new FakeFleet { Settings = new FakeFleet().Settings with { Image = "a" } };
        fleet.ReadyWorkers(1, "a");
        var booting = fleet.Asked("w9", "a");
        fleet.Settings = fleet.Settings with { Image = "b" };

        var plan = fleet.Tick();

        Assert.Equal(WorkerStage.Gone, booting.Stage);
        Assert.Equal("the pool's image changed to b before it was ready", booting.Reason);
        Assert.Equal(1, Assert.Single(plan.Steps.OfType<ProvisionWorkers>()).Count);
    }

    [Fact]
    public void A_roll_the_provider_refuses_waits_thirty_seconds_before_asking_again_and_drains_nothing_meanwhile()
    {
        var fleet = new FakeFleet { Settings = new FakeFleet().Settings with { Image = "a" }, Capacity = 0 };
        var old = Assert.Single(fleet.ReadyWorkers(1, "a"));
        fleet.Settings = fleet.Settings with { Image = "b" };

        fleet.Tick();
        fleet.Capacity = int.MaxValue;
        var paused = Enumerable.Range(0, 29).Select(_ => fleet.Tick()).ToList();
        var again = fleet.Tick();

        Assert.Single(fleet.Events, e => e.Action == "provision-failed");
        Assert.All(paused, p => Assert.DoesNotContain(p.Steps, s => s is ProvisionWorkers or DrainWorker));
        Assert.Equal(("b", 1), (Assert.Single(again.Steps.OfType<ProvisionWorkers>()).Image, again.Steps.OfType<ProvisionWorkers>().Single().Count));
        Assert.Equal(WorkerStage.Ready, old.Stage);
    }

    [Fact]
    public void After_the_provider_refuses_a_worker_the_pool_asks_for_none_for_thirty_seconds()
    {
        var fleet = new FakeFleet { Queued = (10, 12_000), Capacity = 0 };

        fleet.Tick();
        var refused = Assert.Single(fleet.Events, e => e.Action == "provision-failed");
        Assert.Equal((0, 0, "no capacity"), (refused.From, refused.To, refused.Reason));
        Assert.Equal("not started: no capacity", fleet.Worker("new1").Reason);
        fleet.Capacity = int.MaxValue;
        for (var i = 0; i < 29; i++)
        {
            var paused = fleet.Tick();
            Assert.Equal(ScalingAction.ScaleUp, paused.Decision.Action);
            Assert.Empty(paused.Steps);
        }

        Assert.Equal(2, Assert.Single(fleet.Tick().Steps.OfType<ProvisionWorkers>()).Count);
    }

    [Theory]
    [InlineData(true, 4, 1)]
    [InlineData(true, 0, 0)]
    [InlineData(false, 4, 0)]
    public void A_pool_whose_voices_no_worker_reported_gets_one_worker_within_its_bounds(bool awaitingVoices, int max, int workers)
    {
        var fleet = new FakeFleet();
        fleet.Settings = fleet.Settings with { AwaitingVoices = awaitingVoices, Bounds = new PoolBounds(0, max) };

        var decision = fleet.Tick().Decision;

        Assert.Equal(workers, decision.Desired);
        Assert.Equal(workers, fleet.Live.Count);
        Assert.Equal(awaitingVoices, decision.Reason.Contains("voices", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_provider_the_core_decides_and_reports_but_asks_for_nothing()
    {
        var fleet = new FakeFleet(provider: null) { Queued = (40, 60_000) };

        var plan = fleet.Tick();

        Assert.Equal((ScalingAction.ScaleUp, 4), (plan.Decision.Action, plan.Decision.Desired));
        Assert.Same(plan.Decision, fleet.Scaler.Pool(Pool).LastDecision);
        Assert.Empty(plan.Steps);
    }

    [Fact]
    public void Workers_started_by_hand_count_as_ready_and_are_never_drained()
    {
        var fleet = new FakeFleet();
        fleet.StartByHand("manual");

        var plans = Enumerable.Range(0, 30).Select(_ => fleet.Tick()).ToList();

        Assert.All(plans, p => Assert.Equal(1, p.Snapshot.Ready));
        Assert.Contains(plans, p => p.Decision.Action == ScalingAction.ScaleDown);
        Assert.Empty(fleet.Done);
    }

    [Theory]
    [InlineData(null, ProviderWorkerStatus.Running, Pool, "AdoptWorker adopt")]
    [InlineData(null, ProviderWorkerStatus.Starting, Pool, "AdoptWorker adopt")]
    [InlineData(null, ProviderWorkerStatus.Exited, Pool, "TerminateOrphan orphan")]
    [InlineData(null, ProviderWorkerStatus.Running, "unmanaged", "TerminateOrphan orphan")]
    [InlineData(WorkerStage.Gone, ProviderWorkerStatus.Running, Pool, "TerminateOrphan orphan")]
    [InlineData(WorkerStage.Booting, ProviderWorkerStatus.Running, Pool, "")]
    [InlineData(WorkerStage.Ready, ProviderWorkerStatus.Exited, Pool, "TerminateWorker")]
    public void A_worker_on_the_providers_list_is_kept_adopted_or_terminated_by_its_record(WorkerStage? recorded, ProviderWorkerStatus status, string pool, string steps)
    {
        var fleet = new FakeFleet();
        if (recorded is { } stage)
        {
            fleet.Scaler.Workers.Add(new FleetWorkerRecord
            {
                Id = "w1", Pool = Pool, Provider = "fake", ProviderId = "p-w1", Image = "", Stage = stage, CreatedAt = fleet.Now, StateSince = fleet.Now,
            });
        }

        var done = fleet.Reconcile(new ProvisionedWorkerRow("w1", pool, status));

        Assert.Equal(steps, string.Join(" ", done.Select(s => s is RecordEvent e ? e.Action : s.GetType().Name)));
        Assert.Equal(steps.StartsWith("AdoptWorker", StringComparison.Ordinal), fleet.Worker("w1") is { Stage: WorkerStage.Booting, Reason: "adopted from the provider's list" });
    }

    [Theory]
    [InlineData(WorkerStage.Booting, 60, "no longer listed by the provider")]
    [InlineData(WorkerStage.Draining, 60, "drained and left the cluster")]
    [InlineData(WorkerStage.Booting, 20, null)] // too new to be listed yet
    public void A_live_worker_its_provider_no_longer_lists_is_marked_gone_once_past_the_grace(WorkerStage stage, int ageSeconds, string? reason)
    {
        var fleet = new FakeFleet();
        var worker = fleet.Asked("w1", ago: TimeSpan.FromSeconds(ageSeconds));
        if (stage == WorkerStage.Draining)
        {
            worker.Drain(fleet.Now, "told");
        }

        fleet.Reconcile();

        Assert.Equal(reason is null ? stage : WorkerStage.Gone, worker.Stage);
        Assert.Equal(reason ?? worker.Reason, worker.Reason);
    }

    [Fact]
    public void A_record_written_before_a_crash_learns_its_provider_id_from_the_list()
    {
        var fleet = new FakeFleet();
        var worker = fleet.Asked("w1");
        worker.ProviderId = null;

        fleet.Reconcile(new ProvisionedWorkerRow("w1", Pool, ProviderWorkerStatus.Running));
        fleet.Reconcile(new ProvisionedWorkerRow("w1", Pool, ProviderWorkerStatus.Running));

        Assert.Equal("p-w1", worker.ProviderId);
        Assert.Single(fleet.Done.OfType<LearnProviderId>());
    }
}
