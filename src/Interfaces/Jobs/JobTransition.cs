namespace AutoScale.Interfaces.Jobs;

/// <summary>The result of asking a job to change state (cancel): whether it did, and the job afterwards.</summary>
[GenerateSerializer, Immutable, Alias("job-transition")]
public sealed record JobTransition([property: Id(0)] bool Applied, [property: Id(1)] JobSnapshot Job);
