using AutoScale.Interfaces.Work;
using AutoScale.Silo.Synthesis;
using AutoScale.Silo.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoScale.Silo.Tests;

public sealed class PullLoopTests
{
    private static readonly TimeSpan DrainDeadline = TimeSpan.FromSeconds(25);
    private readonly ObservedTime _time = new();
    private readonly FakeQueue _queue = new();
    private readonly Dictionary<Guid, TaskCompletionSource> _work = [];
    private readonly Signal _started = new();

    private PullLoop Loop(int capacity) => new(_queue, "espeak", "worker-1", capacity, Work, DrainDeadline, _time, NullLogger.Instance);

    /// <summary>Starts a chunk that runs until the test finishes it.</summary>
    private Task Work(ChunkLease lease)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_work)
        {
            _work[lease.LeaseId] = done;
        }

        _started.Raise();
        return done.Task;
    }

    private void Finish(ChunkLease lease)
    {
        lock (_work)
        {
            _work[lease.LeaseId].SetResult();
        }
    }

    private ChunkLease[] NewLeases(int count) => [.. Enumerable.Range(0, count).Select(i => Leases.For(_time, TimeSpan.FromMinutes(1), i))];

    /// <summary>Waits for the loop's take number <paramref name="take"/> (1-based) and answers it.</summary>
    private async Task<FakeQueue.PendingTake> AnswerTakeAsync(int take, params ChunkLease[] leases)
    {
        await _queue.Taken.ReachedAsync(take, $"take {take}");
        var pending = _queue.Takes[take - 1];
        pending.Answer.SetResult(leases);
        return pending;
    }

    [Fact]
    public async Task It_asks_for_no_more_chunks_than_it_has_room_for_and_waits_when_full()
    {
        using var stopping = new CancellationTokenSource();
        var leases = NewLeases(3);

        var run = Task.Run(() => Loop(capacity: 3).RunAsync(stopping.Token));
        var first = await AnswerTakeAsync(1, leases[0], leases[1]);
        var second = await AnswerTakeAsync(2, leases[2]);
        await _started.ReachedAsync(3, "three chunks to start");
        var takesWhileFull = _queue.Taken.Count;
        Finish(leases[1]);
        await _queue.Taken.ReachedAsync(3, "a take once a chunk finished");

        Assert.Equal((3, 1), (first.Max, second.Max));
        Assert.Equal(2, takesWhileFull);
        Assert.Equal(1, _queue.Takes[2].Max);
        await stopping.CancelAsync();
        Finish(leases[0]);
        Finish(leases[2]);
        Assert.False(await run.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Told_to_leave_it_finishes_what_it_holds_and_says_so()
    {
        var lease = NewLeases(1)[0];
        _queue.ToldToLeave = true;

        var run = Task.Run(() => Loop(capacity: 2).RunAsync(CancellationToken.None));
        await AnswerTakeAsync(1, lease);
        await AnswerTakeAsync(2);
        await _time.TimersMadeAsync(1);
        Assert.False(run.IsCompleted);
        Finish(lease);

        Assert.True(await run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Empty(_queue.Released);
    }

    [Fact]
    public async Task Stopping_gives_chunks_in_flight_the_drain_deadline_then_hands_the_rest_back()
    {
        using var stopping = new CancellationTokenSource();
        var leases = NewLeases(2);

        var run = Task.Run(() => Loop(capacity: 4).RunAsync(stopping.Token));
        await AnswerTakeAsync(1, leases);
        await _queue.Taken.ReachedAsync(2, "the next poll");
        await stopping.CancelAsync();
        Finish(leases[0]);
        await _time.TimersMadeAsync(1);
        _time.Advance(DrainDeadline - TimeSpan.FromTicks(1));
        Assert.False(run.IsCompleted);
        _time.Advance(TimeSpan.FromTicks(1));

        Assert.False(await run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal([leases[1].LeaseId], _queue.Released);
    }

    [Fact]
    public async Task A_failed_poll_is_retried_after_a_growing_wait_which_starts_again_after_a_success()
    {
        using var stopping = new CancellationTokenSource();
        var start = _time.GetUtcNow();
        var takenAt = new List<TimeSpan>();

        var run = Task.Run(() => Loop(capacity: 1).RunAsync(stopping.Token));
        for (var take = 1; take <= 5; take++)
        {
            await _queue.Taken.ReachedAsync(take, $"take {take}");
            takenAt.Add(_time.GetUtcNow() - start);
            var pending = _queue.Takes[take - 1];
            if (take == 3)
            {
                // A success (an empty poll) between failures: the next failure waits the first wait again.
                pending.Answer.SetResult([]);
                continue;
            }

            pending.Answer.SetException(new TimeoutException("control silo restarting"));
            await _time.TimersMadeAsync(take is 1 or 2 ? take : take - 1);
            _time.Advance(PullLoop.TakeRetries.DelayAfter(take is 1 or 2 ? take : take - 3));
        }

        Assert.Equal([0, 400, 1_200, 1_200, 1_600], takenAt.Select(t => t.TotalMilliseconds));
        await stopping.CancelAsync();
        Assert.False(await run.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
