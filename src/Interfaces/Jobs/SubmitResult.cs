using AutoScale.Interfaces.Quotas;

namespace AutoScale.Interfaces.Jobs;

/// <summary>
/// The answer to a submit: the job, now durable; or, when the tenant's <c>Idempotency-Key</c> already belongs to
/// another job, that job's id (and no job is created); or, when a quota of the tenant refuses it, why (and no job is created).
/// </summary>
[GenerateSerializer, Immutable, Alias("submit-result")]
public sealed record SubmitResult(
    [property: Id(0)] JobSnapshot? Job, [property: Id(1)] Guid? ExistingJobId, [property: Id(2)] QuotaRefusal? Refusal = null);
