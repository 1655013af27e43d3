namespace AutoScale.Interfaces.Quotas;

/// <summary>
/// A tenant's quotas, one activation cluster-wide (the control directory, like the rate buckets), so gateways racing at
/// the edge of a quota are served one at a time. Its counters are seeded from the stored jobs when it activates or a
/// day or month begins; each job is counted once, at acceptance.
/// </summary>
[Alias("tenant-quota")]
public interface ITenantQuotaGrain : IGrainWithGuidKey
{
    /// <summary>Counts the job against the quotas, or refuses it and says why. Asking again for the same job counts it once.</summary>
    [Alias("reserve")]
    Task<QuotaRefusal?> ReserveAsync(Guid jobId, int characters);

    /// <summary>Takes back a reservation whose job was never stored (its idempotency key belonged to another job, or the insert failed).</summary>
    [Alias("release")]
    Task ReleaseAsync(Guid jobId);

    /// <summary>
    /// The job ended: it no longer counts as open; when it was cancelled before any chunk ran (<paramref name="refund"/>),
    /// its characters come back to the day and month it was counted in.
    /// </summary>
    [Alias("ended")]
    Task EndedAsync(Guid jobId, bool refund);

    /// <summary>Stores and applies new quotas; false when there is no such tenant.</summary>
    [Alias("set")]
    Task<bool> SetAsync(TenantQuotas quotas);

    [Alias("standing")]
    Task<QuotaStanding> GetStandingAsync();
}
