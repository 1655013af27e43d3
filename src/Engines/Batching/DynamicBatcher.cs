using System.Threading.Channels;

namespace AutoScale.Engines.Batching;

/// <summary>
/// Groups items submitted concurrently into batches for one runner: the first item waits at most
/// <see cref="BatchingOptions.MaxWaitMilliseconds"/> for up to <see cref="BatchingOptions.MaxBatchSize"/> − 1 others;
/// the gathered items are sorted by length and split into buckets of similar length (see
/// <see cref="BatchingOptions.MaxLengthRatio"/>), each run as one batch, one batch at a time. A batch that fails is
/// run again item by item, so one bad item fails alone. Items cancelled before their batch starts are left out.
/// </summary>
public sealed class DynamicBatcher<TItem, TResult> : IAsyncDisposable
{
    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly BatchingOptions _options;
    private readonly Func<TItem, int> _length;
    private readonly Func<IReadOnlyList<TItem>, IReadOnlyList<TResult>> _run;
    private readonly Task _loop;
    private long _batches;
    private long _items;

    /// <param name="options">Batch size, wait and bucketing.</param>
    /// <param name="length">An item's length (tokens, samples…): what padding is proportional to.</param>
    /// <param name="run">Runs one batch, returning results in the items' order. Called from one thread at a time.</param>
    public DynamicBatcher(BatchingOptions options, Func<TItem, int> length, Func<IReadOnlyList<TItem>, IReadOnlyList<TResult>> run)
    {
        _options = options;
        _length = length;
        _run = run;
        _loop = Task.Factory.StartNew(LoopAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <summary>Batches run so far, and the items they held (for the batch size actually reached).</summary>
    public (long Batches, long Items) Totals => (Interlocked.Read(ref _batches), Interlocked.Read(ref _items));

    /// <summary>Queues one item; completes with its result once its batch has run.</summary>
    public Task<TResult> SubmitAsync(TItem item, CancellationToken cancellationToken)
    {
        var pending = new Pending(item, _length(item), cancellationToken);
        if (!_pending.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(DynamicBatcher<TItem, TResult>));
        }

        return pending.Result.Task;
    }

    private async Task LoopAsync()
    {
        var reader = _pending.Reader;
        var gathered = new List<Pending>(_options.MaxBatchSize);
        while (await reader.WaitToReadAsync())
        {
            gathered.Clear();
            if (!reader.TryRead(out var first))
            {
                continue;
            }

            gathered.Add(first);
            if (_options.MaxBatchSize > 1)
            {
                using var window = new CancellationTokenSource(TimeSpan.FromMilliseconds(_options.MaxWaitMilliseconds));
                while (gathered.Count < _options.MaxBatchSize)
                {
                    if (reader.TryRead(out var next))
                    {
                        gathered.Add(next);
                        continue;
                    }

                    try
                    {
                        if (!await reader.WaitToReadAsync(window.Token))
                        {
                            break;
                        }
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }
            }

            foreach (var bucket in Buckets(gathered))
            {
                RunBucket(bucket);
            }
        }
    }

    private IEnumerable<List<Pending>> Buckets(List<Pending> gathered)
    {
        var live = gathered.Where(p => !CancelIfRequested(p)).OrderBy(p => p.Length).ToList();
        var bucket = new List<Pending>();
        foreach (var item in live)
        {
            if (bucket.Count > 0 && item.Length > _options.MaxLengthRatio * Math.Max(1, bucket[0].Length))
            {
                yield return bucket;
                bucket = [];
            }

            bucket.Add(item);
        }

        if (bucket.Count > 0)
        {
            yield return bucket;
        }
    }

    private void RunBucket(List<Pending> bucket)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _items, bucket.Count);
        try
        {
            var results = _run([.. bucket.Select(p => p.Item)]);
            if (results.Count != bucket.Count)
            {
                throw new InvalidOperationException($"The batch runner returned {results.Count} results for {bucket.Count} items.");
            }

            for (var i = 0; i < bucket.Count; i++)
            {
                bucket[i].Result.TrySetResult(results[i]);
            }
        }
        catch (Exception) when (bucket.Count > 1)
        {
            foreach (var pending in bucket)
            {
                if (!CancelIfRequested(pending))
                {
                    RunBucket([pending]);
                }
            }
        }
        catch (Exception exception)
        {
            bucket[0].Result.TrySetException(exception);
        }
    }

    private static bool CancelIfRequested(Pending pending) =>
        pending.CancellationToken.IsCancellationRequested && pending.Result.TrySetCanceled(pending.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _loop;
    }

    private sealed class Pending(TItem item, int length, CancellationToken cancellationToken)
    {
        public TItem Item { get; } = item;

        public int Length { get; } = length;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public TaskCompletionSource<TResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
