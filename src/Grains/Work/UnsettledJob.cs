namespace AutoScale.Grains.Work;

/// <summary>An unfinished job whose chunks have all ended: done, or the first failed one with its error.</summary>
public sealed record UnsettledJob(Guid JobId, int? FailedSequence, string? FailedError);
