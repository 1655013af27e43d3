using System.Collections.Concurrent;

namespace AutoScale.Gateway.Auth.Keys;

/// <summary>
/// Notes that keys were used, at most once per <see cref="Interval"/> per key on this gateway, for
/// <see cref="KeyRevocationWatcher"/> to write as <c>last_used_at</c>: no database write on the request's path.
/// </summary>
public sealed class KeyUseRecorder(TimeProvider time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastNoted = new();
    private readonly ConcurrentDictionary<string, byte[]> _pending = new();

    /// <summary>Notes a use of the key whose hash is <paramref name="hash"/> (<paramref name="hashText"/> in base64).</summary>
    public void Record(string hashText, byte[] hash)
    {
        var now = time.GetUtcNow();
        if (_lastNoted.TryGetValue(hashText, out var last) && now - last < Interval)
        {
            return;
        }

        _lastNoted[hashText] = now;
        _pending[hashText] = hash;
    }

    /// <summary>The hashes of the keys used since the last call (each once), and forgets uses older than the interval.</summary>
    public IReadOnlyList<byte[]> TakePending()
    {
        var taken = new List<byte[]>();
        foreach (var hashText in _pending.Keys)
        {
            if (_pending.TryRemove(hashText, out var hash))
            {
                taken.Add(hash);
            }
        }

        var now = time.GetUtcNow();
        foreach (var (hashText, at) in _lastNoted)
        {
            if (now - at >= Interval)
            {
                _lastNoted.TryRemove(KeyValuePair.Create(hashText, at));
            }
        }

        return taken;
    }
}
