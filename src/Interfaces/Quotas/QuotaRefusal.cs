namespace AutoScale.Interfaces.Quotas;

/// <summary>
/// Why a job was not accepted: which quota (<see cref="QuotaName"/>), its limit, what is used of it, what the job asked,
/// and when the quota resets (null when waiting cannot help, or when only a running job's end frees it).
/// </summary>
[GenerateSerializer, Immutable, Alias("quota-refusal")]
public sealed record QuotaRefusal(
    [property: Id(0)] string Quota,
    [property: Id(1)] long Limit,
    [property: Id(2)] long Used,
    [property: Id(3)] long Requested,
    [property: Id(4)] DateTimeOffset? ResetsAt,
    [property: Id(5)] TimeSpan? RetryAfter);
