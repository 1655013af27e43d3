using AutoScale.Hosting.GrainDirectories;
using AutoScale.Interfaces.RateLimiting;
using Orleans.GrainDirectory;

namespace AutoScale.Grains.RateLimiting;

/// <summary>
/// One <see cref="TokenBucket"/> per key, on the grain's clock. In the control directory (PostgreSQL), so there is one
/// activation cluster-wide however many gateways run; it lands on a control silo, the only silos with this assembly.
/// </summary>
[GrainDirectory(GrainDirectoryName = ControlGrainDirectory.Name)]
public sealed class TokenBucketGrain(TimeProvider time) : Grain, ITokenBucketGrain
{
    private readonly TokenBucket _bucket = new();

    public Task<TokenGrant> TakeAsync(int wanted, TokenBucketLimits limits) =>
        Task.FromResult(_bucket.Take(time.GetUtcNow(), wanted, limits));
}
