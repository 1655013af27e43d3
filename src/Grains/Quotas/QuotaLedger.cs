using AutoScale.Interfaces.Quotas;

namespace AutoScale.Grains.Quotas;

/// <summary>
/// A tenant's quota counters and the acceptance decision, on a given clock: pure, so every edge is tested without a
/// silo. Characters count in the UTC day and month a job was accepted in; a refund goes back to that day and month.
/// </summary>
public sealed class QuotaLedger
{
    /// <summary>What a client over its concurrency is told to wait: a job ending is what frees it, at no known time.</summary>
    public static readonly TimeSpan ConcurrencyRetryAfter = TimeSpan.FromSeconds(5);

    // A reservation whose job may still be on its way into the database survives a recount of the open jobs.
    private static readonly TimeSpan InFlight = TimeSpan.FromSeconds(30);

    private readonly Dictionary<Guid, OpenJob> _open = [];
    private DateTimeOffset _dayStart;
    private DateTimeOffset _monthStart;
    private long _dayCharacters;
    private long _monthCharacters;

    public TenantQuotas Quotas { get; set; } = TenantQuotas.None;

    public int OpenJobs => _open.Count;

    /// <summary>Replaces the counters with what the stored jobs say (at activation, or when quotas are first set).</summary>
    public void Seed(QuotaUsage usage, DateTimeOffset now)
    {
        (_dayStart, _monthStart) = (QuotaPeriods.DayStart(now), QuotaPeriods.MonthStart(now));
        (_dayCharacters, _monthCharacters) = (usage.CharactersToday, usage.CharactersThisMonth);
        RecountOpen(usage.OpenJobs, now);
    }

    /// <summary>
    /// Replaces the open jobs with the stored ones (heals an end that was never reported), keeping reservations young
    /// enough that their jobs may not be stored yet.
    /// </summary>
    public void RecountOpen(IReadOnlyList<OpenJob> stored, DateTimeOffset now)
    {
        var young = _open.Values.Where(job => now - job.CountedAt < InFlight).ToList();
        _open.Clear();
        foreach (var job in stored.Concat(young))
        {
            _open.TryAdd(job.JobId, job);
        }
    }

    /// <summary>Counts the job, or says which quota refuses it. A job already counted is accepted again without counting.</summary>
    public QuotaRefusal? Reserve(Guid jobId, int characters, DateTimeOffset now)
    {
        Roll(now);
        if (_open.ContainsKey(jobId))
        {
            return null;
        }

        if (Decide(characters, now) is { } refusal)
        {
            return refusal;
        }

        _open[jobId] = new OpenJob(jobId, characters, now);
        _dayCharacters += characters;
        _monthCharacters += characters;
        return null;
    }

    /// <summary>The job ended (or was never stored); with <paramref name="refund"/> its characters come back.</summary>
    public void End(Guid jobId, bool refund, DateTimeOffset now)
    {
        Roll(now);
        if (!_open.Remove(jobId, out var job) || !refund)
        {
            return;
        }

        if (QuotaPeriods.DayStart(job.CountedAt) == _dayStart)
        {
            _dayCharacters = Math.Max(0, _dayCharacters - job.Characters);
        }

        if (QuotaPeriods.MonthStart(job.CountedAt) == _monthStart)
        {
            _monthCharacters = Math.Max(0, _monthCharacters - job.Characters);
        }
    }

    public QuotaStanding Standing(DateTimeOffset now)
    {
        Roll(now);
        return new QuotaStanding(Quotas, _dayCharacters, QuotaPeriods.NextDay(now), _monthCharacters, QuotaPeriods.NextMonth(now), _open.Count);
    }

    private QuotaRefusal? Decide(int characters, DateTimeOffset now)
    {
        if (Quotas.MaxJobCharacters is { } max && characters > max)
        {
            return new QuotaRefusal(QuotaName.MaxJobCharacters, max, 0, characters, null, null);
        }

        if (Quotas.ConcurrentJobs is { } concurrent && _open.Count >= concurrent)
        {
            return new QuotaRefusal(QuotaName.ConcurrentJobs, concurrent, _open.Count, 1, null, ConcurrencyRetryAfter);
        }

        if (Quotas.CharactersPerDay is { } perDay && _dayCharacters + characters > perDay)
        {
            return Refuse(QuotaName.CharactersPerDay, perDay, _dayCharacters, characters, QuotaPeriods.NextDay(now), now);
        }

        if (Quotas.CharactersPerMonth is { } perMonth && _monthCharacters + characters > perMonth)
        {
            return Refuse(QuotaName.CharactersPerMonth, perMonth, _monthCharacters, characters, QuotaPeriods.NextMonth(now), now);
        }

        return null;
    }

    // A job larger than the whole quota never fits: waiting for the reset would not help, so no reset is promised.
    private static QuotaRefusal Refuse(string quota, long limit, long used, int characters, DateTimeOffset reset, DateTimeOffset now) =>
        characters > limit
            ? new QuotaRefusal(quota, limit, used, characters, null, null)
            : new QuotaRefusal(quota, limit, used, characters, reset, reset - now);

    private void Roll(DateTimeOffset now)
    {
        var day = QuotaPeriods.DayStart(now);
        if (day > _dayStart)
        {
            (_dayStart, _dayCharacters) = (day, 0);
        }

        var month = QuotaPeriods.MonthStart(now);
        if (month > _monthStart)
        {
            (_monthStart, _monthCharacters) = (month, 0);
        }
    }
}
