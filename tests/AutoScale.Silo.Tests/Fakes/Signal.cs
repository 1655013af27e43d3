namespace AutoScale.Silo.Tests.Fakes;

/// <summary>Counts what happened and lets a test wait, with a timeout, until it has happened n times.</summary>
public sealed class Signal
{
    private readonly Lock _gate = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];

    public int Count { get; private set; }

    public void Raise()
    {
        lock (_gate)
        {
            Count++;
            foreach (var waiter in _waiters.Where(w => w.Count <= Count).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Reached.TrySetResult();
            }
        }
    }

    /// <summary>Completes once it was raised <paramref name="count"/> times; fails after 10 s naming <paramref name="what"/>.</summary>
    public async Task ReachedAsync(int count, string what)
    {
        Task reached;
        lock (_gate)
        {
            if (Count >= count)
            {
                return;
            }

            var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, source));
            reached = source.Task;
        }

        try
        {
            await reached.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException($"Waited 10 s for {what} ({count} times; {Count} so far).", exception);
        }
    }
}
