using AutoScale.Silo.Synthesis;
using AutoScale.Silo.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoScale.Silo.Tests;

public sealed class LeaseRenewalTests
{
    private readonly ObservedTime _time = new();
    private readonly FakeQueue _queue = new();

    [Fact]
    public async Task A_lease_is_renewed_every_third_of_its_length()
    {
        await using var renewal = new LeaseRenewal(_queue, Leases.For(_time, TimeSpan.FromSeconds(60)), _time, NullLogger.Instance);

        _time.Advance(TimeSpan.FromSeconds(19));
        Assert.Equal(0, _queue.Renewed.Count);
        _time.Advance(TimeSpan.FromSeconds(1));
        await _queue.Renewed.ReachedAsync(1, "the first renewal");
        _time.Advance(TimeSpan.FromSeconds(20));
        await _queue.Renewed.ReachedAsync(2, "the second renewal");

        Assert.Equal(TimeSpan.FromSeconds(20), renewal.Period);
        Assert.False(renewal.Dropped.IsCancellationRequested);
    }

    [Fact]
    public async Task A_short_lease_is_still_renewed_at_most_every_second()
    {
        await using var renewal = new LeaseRenewal(_queue, Leases.For(_time, TimeSpan.FromSeconds(1.5)), _time, NullLogger.Instance);

        Assert.Equal(TimeSpan.FromSeconds(1), renewal.Period);
    }

    [Fact]
    public async Task A_lease_the_queue_no_longer_knows_drops_the_chunk()
    {
        _queue.Renew = _ => Task.FromResult(false);
        await using var renewal = new LeaseRenewal(_queue, Leases.For(_time, TimeSpan.FromSeconds(30)), _time, NullLogger.Instance);

        var dropped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = renewal.Dropped.Register(() => dropped.TrySetResult());

        _time.Advance(TimeSpan.FromSeconds(10));

        await dropped.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, _queue.Renewed.Count);
    }

    [Fact]
    public async Task A_failed_renewal_is_tried_again_at_the_next_period_without_dropping_the_chunk()
    {
        var answers = new Queue<Task<bool>>([Task.FromException<bool>(new TimeoutException("control silo away")), Task.FromResult(true)]);
        _queue.Renew = _ => answers.Dequeue();
        await using var renewal = new LeaseRenewal(_queue, Leases.For(_time, TimeSpan.FromSeconds(30)), _time, NullLogger.Instance);

        _time.Advance(TimeSpan.FromSeconds(10));
        await _queue.Renewed.ReachedAsync(1, "the failing renewal");
        _time.Advance(TimeSpan.FromSeconds(10));
        await _queue.Renewed.ReachedAsync(2, "the renewal after it");

        Assert.False(renewal.Dropped.IsCancellationRequested);
    }

    [Fact]
    public async Task A_finished_chunk_stops_renewing()
    {
        var renewal = new LeaseRenewal(_queue, Leases.For(_time, TimeSpan.FromSeconds(30)), _time, NullLogger.Instance);

        await renewal.DisposeAsync();
        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(0, _queue.Renewed.Count);
        Assert.True(renewal.Dropped.IsCancellationRequested);
    }
}
