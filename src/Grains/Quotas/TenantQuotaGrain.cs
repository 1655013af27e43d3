using AutoScale.Hosting.GrainDirectories;
using AutoScale.Interfaces.Quotas;
using AutoScale.Telemetry;
using Orleans.GrainDirectory;

namespace AutoScale.Grains.Quotas;

/// <summary>
/// One <see cref="QuotaLedger"/> per tenant, cluster-wide (the control directory in PostgreSQL, like the rate buckets),
/// so every gateway's acceptances pass through the same counters one at a time. A tenant without quotas costs no
/// database work; its counters are seeded from the stored jobs once quotas are set.
/// </summary>
[GrainDirectory(GrainDirectoryName = ControlGrainDirectory.Name)]
public sealed class TenantQuotaGrain(QuotaStore store, TimeProvider time) : Grain, ITenantQuotaGrain
{
    // A client refused for concurrency may be refused on stale counts (a job end that never arrived): recount from the
    // database, but not more often than this however fast it asks.
    private static readonly TimeSpan RecountInterval = TimeSpan.FromSeconds(5);

    private readonly QuotaLedger _ledger = new();
    private DateTimeOffset _recountedAt;

    private Guid TenantId => this.GetPrimaryKey();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _ledger.Quotas = await store.LoadAsync(TenantId, cancellationToken);
        if (!_ledger.Quotas.IsNone)
        {
            await SeedAsync(cancellationToken);
        }
    }

    public async Task<QuotaRefusal?> ReserveAsync(Guid jobId, int characters)
    {
        if (_ledger.Quotas.IsNone)
        {
            return null;
        }

        var refusal = _ledger.Reserve(jobId, characters, time.GetUtcNow());
        if (refusal?.Quota == QuotaName.ConcurrentJobs && time.GetUtcNow() - _recountedAt >= RecountInterval)
        {
            _recountedAt = time.GetUtcNow();
            _ledger.RecountOpen(await store.LoadOpenJobsAsync(TenantId), _recountedAt);
            refusal = _ledger.Reserve(jobId, characters, time.GetUtcNow());
        }

        if (refusal is not null)
        {
            AutoScaleMetrics.QuotaRefusals.Add(1, new KeyValuePair<string, object?>("quota", refusal.Quota));
        }

        return refusal;
    }

    public Task ReleaseAsync(Guid jobId) => EndedAsync(jobId, refund: true);

    public Task EndedAsync(Guid jobId, bool refund)
    {
        _ledger.End(jobId, refund, time.GetUtcNow());
        return Task.CompletedTask;
    }

    public async Task<bool> SetAsync(TenantQuotas quotas)
    {
        if (!await store.SaveAsync(TenantId, quotas))
        {
            return false;
        }

        var wasNone = _ledger.Quotas.IsNone;
        _ledger.Quotas = quotas;
        if (wasNone && !quotas.IsNone)
        {
            await SeedAsync(CancellationToken.None);
        }

        return true;
    }

    public async Task<QuotaStanding> GetStandingAsync()
    {
        var now = time.GetUtcNow();
        if (!_ledger.Quotas.IsNone)
        {
            return _ledger.Standing(now);
        }

        // Without quotas nothing is counted here: ask the stored jobs.
        var usage = await store.LoadUsageAsync(TenantId, now);
        return new QuotaStanding(TenantQuotas.None, usage.CharactersToday, QuotaPeriods.NextDay(now),
            usage.CharactersThisMonth, QuotaPeriods.NextMonth(now), usage.OpenJobs.Count);
    }

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        _ledger.Seed(await store.LoadUsageAsync(TenantId, now, cancellationToken), now);
        _recountedAt = now;
    }
}
