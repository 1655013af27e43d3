using AutoScale.Silo.Synthesis;
using AutoScale.Silo.Tests.Fakes;

namespace AutoScale.Silo.Tests;

public sealed class BackoffTests
{
    private static readonly Backoff TwoSecondBudget = new(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

    [Fact]
    public void Each_wait_is_twice_the_last_up_to_the_longest()
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(10));

        var waits = Enumerable.Range(1, 7).Select(failures => backoff.DelayAfter(failures).TotalMilliseconds);

        Assert.Equal([400, 800, 1_600, 3_200, 6_400, 10_000, 10_000], waits);
    }

    [Fact]
    public async Task A_failing_call_is_tried_again_after_each_wait_until_it_succeeds()
    {
        var time = new ObservedTime();
        var start = time.GetUtcNow();
        var tries = new List<TimeSpan>();
        var retries = new List<(int Failures, TimeSpan Wait)>();

        var run = Task.Run(() => TwoSecondBudget.RetryAsync(
            _ =>
            {
                tries.Add(time.GetUtcNow() - start);
                return tries.Count < 3 ? Task.FromException<int>(new TimeoutException("control silo away")) : Task.FromResult(42);
            },
            time,
            (_, failures, wait) => retries.Add((failures, wait)),
            CancellationToken.None));
        await time.TimersMadeAsync(1);
        time.Advance(TimeSpan.FromMilliseconds(249));
        Assert.Single(tries);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await time.TimersMadeAsync(2);
        time.Advance(TimeSpan.FromMilliseconds(500));

        Assert.Equal(42, await run);
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(750)], tries);
        Assert.Equal([(1, TimeSpan.FromMilliseconds(250)), (2, TimeSpan.FromMilliseconds(500))], retries);
    }

    [Fact]
    public async Task When_the_next_wait_would_end_past_the_budget_the_last_failure_is_thrown()
    {
        var time = new ObservedTime();
        var tries = 0;

        // Tries at 0, 0.25, 0.75 and 1.75 s; the next wait (1 s) would end at the 2 s deadline.
        var run = Task.Run(() => TwoSecondBudget.RetryAsync(
            _ => Task.FromException(new InvalidOperationException($"failure {++tries}")), time, null, CancellationToken.None));
        foreach (var (timer, wait) in new[] { (1, 250), (2, 500), (3, 1_000) })
        {
            await time.TimersMadeAsync(timer);
            time.Advance(TimeSpan.FromMilliseconds(wait));
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => run);
        Assert.Equal("failure 4", error.Message);
        Assert.Equal(4, tries);
    }

    [Fact]
    public async Task Cancelling_ends_the_wait_at_once()
    {
        var time = new ObservedTime();
        using var stopping = new CancellationTokenSource();
        var tries = 0;

        var run = Task.Run(() => new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)).RetryAsync(
            _ => Task.FromException(new TimeoutException($"failure {++tries}")), time, null, stopping.Token));
        await time.TimersMadeAsync(1);
        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(1, tries);
    }

    [Fact]
    public async Task The_callers_own_cancellation_is_not_retried()
    {
        var time = new ObservedTime();
        using var stopping = new CancellationTokenSource();
        var retried = false;

        var run = TwoSecondBudget.RetryAsync(
            async token =>
            {
                await stopping.CancelAsync();
                token.ThrowIfCancellationRequested();
            },
            time,
            (_, _, _) => retried = true,
            stopping.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.False(retried);
    }
}
