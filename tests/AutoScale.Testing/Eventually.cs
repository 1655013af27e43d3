namespace AutoScale.Testing;

/// <summary>Waits for a condition that other processes make true, failing with a message that names what was awaited.</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(
        Func<Task<T>> probe, Func<T, bool> accept, TimeSpan timeout, string awaited)
    {
        var deadline = DateTime.UtcNow + timeout;
        var delay = TimeSpan.FromMilliseconds(20);
        Exception? lastError = null;
        T? last = default;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await probe();
                if (accept(last))
                {
                    return last;
                }
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                lastError = exception;
            }

            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(500, delay.TotalMilliseconds * 2));
        }

        throw new TimeoutException(
            $"Timed out after {timeout.TotalSeconds:0.#} s waiting for {awaited}. Last value: {last?.ToString() ?? "none"}.", lastError);
    }

    public static Task TrueAsync(Func<Task<bool>> probe, TimeSpan timeout, string awaited) =>
        ReturnsAsync(probe, ok => ok, timeout, awaited);
}
