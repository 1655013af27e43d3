namespace AutoScale.Interfaces.Jobs;

/// <summary>Why a job failed: a stable machine-readable code and a message for people.</summary>
[GenerateSerializer, Immutable, Alias("job-error")]
public sealed record JobError([property: Id(0)] string Code, [property: Id(1)] string Message);
