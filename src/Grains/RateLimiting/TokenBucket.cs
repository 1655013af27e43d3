using AutoScale.Interfaces.RateLimiting;

namespace AutoScale.Grains.RateLimiting;

/// <summary>A token bucket on a given clock: pure, so its arithmetic is tested without a silo.</summary>
public sealed class TokenBucket
{
    private double _tokens = double.NaN;
    private DateTimeOffset _refilledAt;

    /// <summary>Refills for the time since the last call, then takes up to <paramref name="wanted"/> whole tokens.</summary>
    public TokenGrant Take(DateTimeOffset now, int wanted, TokenBucketLimits limits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(wanted, 1);
        if (double.IsNaN(_tokens))
        {
            _tokens = limits.Capacity;
        }
        else if (now > _refilledAt)
        {
            _tokens = Math.Min(limits.Capacity, _tokens + (now - _refilledAt).TotalSeconds * limits.TokensPerSecond);
        }

        // A smaller capacity than before (settings changed) takes effect at once.
        _tokens = Math.Min(_tokens, limits.Capacity);
        _refilledAt = now > _refilledAt ? now : _refilledAt;
        var granted = (int)Math.Min(wanted, Math.Floor(_tokens));
        if (granted > 0)
        {
            _tokens -= granted;
            return new TokenGrant(granted, TimeSpan.Zero);
        }

        return new TokenGrant(0, TimeSpan.FromSeconds((1 - _tokens) / limits.TokensPerSecond));
    }
}
