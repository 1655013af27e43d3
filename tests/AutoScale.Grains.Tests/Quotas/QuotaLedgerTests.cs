using AutoScale.Grains.Quotas;
using AutoScale.Interfaces.Quotas;

namespace AutoScale.Grains.Tests.Quotas;

/// <summary>The acceptance decision on a given clock: every edge of every quota.</summary>
public sealed class QuotaLedgerTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_job_that_brings_the_day_exactly_to_its_quota_is_accepted_and_one_character_more_is_refused()
    {
        var ledger = Ledger(new TenantQuotas(100, null, null, null));

        Assert.Null(ledger.Reserve(Guid.NewGuid(), 60, Noon));
        Assert.Null(ledger.Reserve(Guid.NewGuid(), 40, Noon));
        var refusal = ledger.Reserve(Guid.NewGuid(), 1, Noon);

        Assert.NotNull(refusal);
        Assert.Equal(QuotaName.CharactersPerDay, refusal.Quota);
        Assert.Equal((100L, 100L, 1L), (refusal.Limit, refusal.Used, refusal.Requested));
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero), refusal.ResetsAt);
        Assert.Equal(TimeSpan.FromHours(12), refusal.RetryAfter);
    }

    [Fact]
    public void A_refused_job_counts_nothing()
    {
        var ledger = Ledger(new TenantQuotas(100, null, null, null));
        Assert.Null(ledger.Reserve(Guid.NewGuid(), 90, Noon));

        Assert.NotNull(ledger.Reserve(Guid.NewGuid(), 20, Noon));

        Assert.Null(ledger.Reserve(Guid.NewGuid(), 10, Noon));
        Assert.Equal(100, ledger.Standing(Noon).CharactersToday);
    }

    [Fact]
    public void The_same_job_reserved_twice_is_counted_once()
    {
        var ledger = Ledger(new TenantQuotas(100, null, 1, null));
        var job = Guid.NewGuid();

        Assert.Null(ledger.Reserve(job, 70, Noon));
        Assert.Null(ledger.Reserve(job, 70, Noon));

        Assert.Equal((70L, 1), (ledger.Standing(Noon).CharactersToday, ledger.Standing(Noon).OpenJobs));
    }

    [Fact]
    public void A_job_cancelled_before_it_ran_gives_its_characters_back_and_one_that_ended_otherwise_does_not()
    {
        var ledger = Ledger(new TenantQuotas(100, 1000, null, null));
        var cancelled = Guid.NewGuid();
        var finished = Guid.NewGuid();
        ledger.Reserve(cancelled, 50, Noon);
        ledger.Reserve(finished, 50, Noon);

        ledger.End(cancelled, refund: true, Noon);
        ledger.End(finished, refund: false, Noon);
        ledger.End(cancelled, refund: true, Noon);

        var standing = ledger.Standing(Noon);
        Assert.Equal((50L, 50L, 0), (standing.CharactersToday, standing.CharactersThisMonth, standing.OpenJobs));
    }

    [Fact]
    public void A_refund_the_next_day_leaves_the_new_day_alone_but_gives_back_to_the_month()
    {
        var ledger = Ledger(new TenantQuotas(100, 1000, null, null));
        var job = Guid.NewGuid();
        ledger.Reserve(job, 80, Noon);
        var tomorrow = Noon.AddDays(1);
        ledger.Reserve(Guid.NewGuid(), 30, tomorrow);

        ledger.End(job, refund: true, tomorrow);

        var standing = ledger.Standing(tomorrow);
        Assert.Equal((30L, 30L), (standing.CharactersToday, standing.CharactersThisMonth));
    }

    [Fact]
    public void A_new_day_starts_at_zero_while_the_month_keeps_counting_until_the_first()
    {
        var ledger = Ledger(new TenantQuotas(100, 150, null, null));
        Assert.Null(ledger.Reserve(Guid.NewGuid(), 100, Noon));

        var refusal = ledger.Reserve(Guid.NewGuid(), 60, Noon.AddDays(1));
        Assert.Null(ledger.Reserve(Guid.NewGuid(), 50, Noon.AddDays(1)));

        Assert.Equal(QuotaName.CharactersPerMonth, refusal?.Quota);
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), refusal?.ResetsAt);
        Assert.Null(ledger.Reserve(Guid.NewGuid(), 100, new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void A_job_larger_than_the_whole_quota_is_refused_without_promising_a_reset()
    {
        var ledger = Ledger(new TenantQuotas(100, null, null, null));

        var refusal = ledger.Reserve(Guid.NewGuid(), 101, Noon);

        Assert.Equal((QuotaName.CharactersPerDay, (DateTimeOffset?)null, (TimeSpan?)null), (refusal?.Quota, refusal?.ResetsAt, refusal?.RetryAfter));
    }

    [Fact]
    public void The_largest_job_allowed_passes_and_one_character_more_is_refused_whatever_else_is_left()
    {
        var ledger = Ledger(new TenantQuotas(null, null, null, 500));

        Assert.Null(ledger.Reserve(Guid.NewGuid(), 500, Noon));
        var refusal = ledger.Reserve(Guid.NewGuid(), 501, Noon);

        Assert.Equal((QuotaName.MaxJobCharacters, 500L, 501L), (refusal?.Quota, refusal?.Limit, refusal?.Requested));
        Assert.Null(refusal?.RetryAfter);
    }

    [Fact]
    public void Open_jobs_up_to_the_concurrency_are_accepted_and_an_end_frees_a_place()
    {
        var ledger = Ledger(new TenantQuotas(null, null, 2, null));
        var first = Guid.NewGuid();
        Assert.Null(ledger.Reserve(first, 10, Noon));
        Assert.Null(ledger.Reserve(Guid.NewGuid(), 10, Noon));

        var refusal = ledger.Reserve(Guid.NewGuid(), 10, Noon);
        ledger.End(first, refund: false, Noon);

        Assert.Equal((QuotaName.ConcurrentJobs, 2L, 2L), (refusal?.Quota, refusal?.Limit, refusal?.Used));
        Assert.Equal(QuotaLedger.ConcurrencyRetryAfter, refusal?.RetryAfter);
        Assert.Null(ledger.Reserve(Guid.NewGuid(), 10, Noon));
    }

    [Fact]
    public void A_zero_quota_refuses_everything()
    {
        Assert.Equal(QuotaName.ConcurrentJobs, Ledger(new TenantQuotas(null, null, 0, null)).Reserve(Guid.NewGuid(), 1, Noon)?.Quota);
        Assert.Equal(QuotaName.CharactersPerDay, Ledger(new TenantQuotas(0, null, null, null)).Reserve(Guid.NewGuid(), 1, Noon)?.Quota);
    }

    [Fact]
    public void A_recount_drops_open_jobs_the_database_no_longer_holds_but_keeps_reservations_still_on_their_way()
    {
        var ledger = Ledger(new TenantQuotas(null, null, 2, null));
        var lost = Guid.NewGuid();
        ledger.Reserve(lost, 10, Noon);
        var young = Guid.NewGuid();
        ledger.Reserve(young, 10, Noon.AddSeconds(50));

        ledger.RecountOpen([], Noon.AddMinutes(1));

        Assert.Equal(1, ledger.OpenJobs);
        Assert.Null(ledger.Reserve(Guid.NewGuid(), 10, Noon.AddMinutes(1)));
        Assert.NotNull(ledger.Reserve(Guid.NewGuid(), 10, Noon.AddMinutes(1)));
    }

    [Fact]
    public void Seeded_counters_count_toward_the_quotas_and_seeded_open_jobs_can_be_refunded()
    {
        var ledger = new QuotaLedger { Quotas = new TenantQuotas(100, 500, 5, null) };
        var open = new OpenJob(Guid.NewGuid(), 30, Noon.AddHours(-1));
        ledger.Seed(new QuotaUsage(90, 400, [open]), Noon);

        Assert.Equal(QuotaName.CharactersPerDay, ledger.Reserve(Guid.NewGuid(), 11, Noon)?.Quota);
        ledger.End(open.JobId, refund: true, Noon);

        Assert.Null(ledger.Reserve(Guid.NewGuid(), 40, Noon));
        Assert.Equal((100L, 410L), (ledger.Standing(Noon).CharactersToday, ledger.Standing(Noon).CharactersThisMonth));
    }

    private static QuotaLedger Ledger(TenantQuotas quotas)
    {
        var ledger = new QuotaLedger { Quotas = quotas };
        ledger.Seed(new QuotaUsage(0, 0, []), Noon);
        return ledger;
    }
}
