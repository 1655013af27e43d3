namespace AutoScale.Interfaces.Jobs;

/// <summary>A chunk of a job's text: its position in the job and its span (UTF-16 offsets) in the text.</summary>
[GenerateSerializer, Immutable, Alias("job-chunk")]
public sealed record JobChunk([property: Id(0)] int Sequence, [property: Id(1)] int Start, [property: Id(2)] int Length);
