using System.Collections.Concurrent;
using AutoScale.Engines.Batching;

namespace AutoScale.Engines.Tests.Batching;

public sealed class DynamicBatcherTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>A runner that doubles each item and records the batches it was given.</summary>
    private sealed class RecordingRunner
    {
        public ConcurrentQueue<int[]> Batches { get; } = new();

        public IReadOnlyList<int> Run(IReadOnlyList<int> items)
        {
            Batches.Enqueue([.. items]);
            return [.. items.Select(i => i * 2)];
        }
    }

    [Fact]
    public async Task Items_submitted_together_run_as_one_batch_without_waiting_out_the_window()
    {
        var runner = new RecordingRunner();
        await using var batcher = new DynamicBatcher<int, int>(
            new BatchingOptions { MaxBatchSize = 8, MaxWaitMilliseconds = 60_000 }, _ => 10, runner.Run);

        var results = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => batcher.SubmitAsync(i, CancellationToken.None))).WaitAsync(Patience);

        Assert.Equal(Enumerable.Range(1, 8).Select(i => i * 2), results);
        Assert.Equal(8, Assert.Single(runner.Batches).Length);
    }

    [Fact]
    public async Task More_items_than_the_batch_size_are_split_and_each_gets_its_own_result()
    {
        var runner = new RecordingRunner();
        await using var batcher = new DynamicBatcher<int, int>(
            new BatchingOptions { MaxBatchSize = 4, MaxWaitMilliseconds = 20 }, _ => 10, runner.Run);

        var results = await Task.WhenAll(Enumerable.Range(1, 21).Select(i => batcher.SubmitAsync(i, CancellationToken.None))).WaitAsync(Patience);

        Assert.Equal(Enumerable.Range(1, 21).Select(i => i * 2), results);
        Assert.All(runner.Batches, b => Assert.InRange(b.Length, 1, 4));
        Assert.Equal(21, runner.Batches.Sum(b => b.Length));
        Assert.Equal((runner.Batches.Count, 21L), batcher.Totals);
    }

    [Fact]
    public async Task A_lone_item_runs_once_the_wait_is_over()
    {
        var runner = new RecordingRunner();
        await using var batcher = new DynamicBatcher<int, int>(
            new BatchingOptions { MaxBatchSize = 8, MaxWaitMilliseconds = 50 }, _ => 10, runner.Run);

        Assert.Equal(14, await batcher.SubmitAsync(7, CancellationToken.None).WaitAsync(Patience));
        Assert.Equal([7], Assert.Single(runner.Batches));
    }

    [Fact]
    public async Task Items_of_very_different_lengths_run_in_separate_buckets_sorted_by_length()
    {
        var runner = new RecordingRunner();
        await using var batcher = new DynamicBatcher<int, int>(
            new BatchingOptions { MaxBatchSize = 8, MaxWaitMilliseconds = 60_000, MaxLengthRatio = 2.0 }, i => i, runner.Run);

        int[] lengths = [50, 10, 12, 55, 11, 300, 21, 100];
        var results = await Task.WhenAll(lengths.Select(i => batcher.SubmitAsync(i, CancellationToken.None))).WaitAsync(Patience);

        Assert.Equal(lengths.Select(i => i * 2), results);
        Assert.Equal([[10, 11, 12], [21], [50, 55, 100], [300]], runner.Batches.ToArray());
    }

    [Fact]
    public async Task An_item_that_breaks_its_batch_fails_alone_and_the_others_succeed()
    {
        await using var batcher = new DynamicBatcher<int, int>(
            new BatchingOptions { MaxBatchSize = 4, MaxWaitMilliseconds = 60_000 }, _ => 10,
            items => items.Contains(13) ? throw new InvalidOperationException("13 is unlucky") : [.. items.Select(i => i * 2)]);

        var tasks = new[] { 1, 13, 3, 4 }.Select(i => batcher.SubmitAsync(i, CancellationToken.None)).ToList();
        await Task.WhenAll(tasks).WaitAsync(Patience).ContinueWith(_ => { }, TaskScheduler.Default);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => tasks[1]);
        Assert.Equal("13 is unlucky", failure.Message);
        Assert.Equal([2, 6, 8], new[] { tasks[0], tasks[2], tasks[3] }.Select(t => t.Result));
    }

    [Fact]
    public async Task An_item_cancelled_before_its_batch_starts_never_reaches_the_runner()
    {
        var release = new ManualResetEventSlim();
        var seen = new ConcurrentQueue<int>();
        await using var batcher = new DynamicBatcher<int, int>(
            new BatchingOptions { MaxBatchSize = 1 }, _ => 10,
            items =>
            {
                release.Wait(Patience);
                foreach (var item in items)
                {
                    seen.Enqueue(item);
                }

                return [.. items];
            });
        using var cancel = new CancellationTokenSource();

        var running = batcher.SubmitAsync(1, CancellationToken.None);
        var cancelled = batcher.SubmitAsync(2, cancel.Token);
        var after = batcher.SubmitAsync(3, CancellationToken.None);
        await cancel.CancelAsync();
        release.Set();

        var results = await Task.WhenAll(running, after).WaitAsync(Patience);
        Assert.Equal(new[] { 1, 3 }, results);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal([1, 3], seen);
    }
}
