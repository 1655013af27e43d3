using AutoScale.Interfaces.Work;

namespace AutoScale.Silo.Tests;

/// <summary>Leases as the queue hands them out.</summary>
internal static class Leases
{
    public static ChunkLease For(TimeProvider time, TimeSpan lasting, int sequence = 0) => new()
    {
        LeaseId = Guid.NewGuid(),
        JobId = Guid.NewGuid(),
        Sequence = sequence,
        Text = "Hello there.",
        Voice = "en-us",
        Speed = 1.0,
        Attempt = 0,
        ExpiresAt = time.GetUtcNow() + lasting,
        TenantId = Guid.NewGuid(),
    };
}
