using System.ComponentModel.DataAnnotations;
using AutoScale.Grains.Work.Scheduling;

namespace AutoScale.Grains.Work;

/// <summary>How the pools' work queues lease and retry. Bound from the <c>Queue</c> section.</summary>
public sealed class WorkQueueOptions
{
    public const string SectionName = "Queue";

    /// <summary>How long a lease lasts without renewal; workers renew at a third of it. Default 60 s.</summary>
    [Range(1, 3600)]
    public double LeaseSeconds { get; set; } = 60;

    /// <summary>Attempts per chunk before its job fails. Default 4.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 4;

    /// <summary>The first retry's delay; doubling after each failure. Default 2 s.</summary>
    [Range(0, 3600)]
    public double RetryBaseSeconds { get; set; } = 2;

    /// <summary>The longest retry delay. Default 60 s.</summary>
    [Range(0, 86_400)]
    public double RetryMaxSeconds { get; set; } = 60;

    /// <summary>How often expired leases are looked for. Default 2 s.</summary>
    [Range(0.1, 600)]
    public double ExpiryScanSeconds { get; set; } = 2;

    /// <summary>
    /// Characters of new chunks' text the queue keeps in memory until their first lease, so a warm worker is handed
    /// them without a database read. Past it, texts are read when leased. Default 1,000,000 (about 2 MB).
    /// </summary>
    [Range(0, 100_000_000)]
    public int FreshTextCharacters { get; set; } = 1_000_000;

    /// <summary>How often the table is rescanned for stored chunks the queue was never told about. Default 30 s.</summary>
    [Range(1, 3600)]
    public double RescanSeconds { get; set; } = 30;

    /// <summary>The retry schedule these settings make: doubling from the base delay, capped, ±10 % jitter.</summary>
    public RetryPolicy CreateRetryPolicy() => new(
        TimeSpan.FromSeconds(RetryBaseSeconds), 2.0, TimeSpan.FromSeconds(RetryMaxSeconds), 0.1, MaxAttempts);
}
