namespace AutoScale.Interfaces.Jobs;

/// <summary>Priority class of a job's work: the queue serves higher classes first, fairly across tenants within one.</summary>
[GenerateSerializer, Alias("job-priority")]
public enum JobPriority
{
    /// <summary>A person is waiting for the first audio (the OpenAI-compatible endpoint uses it).</summary>
    Interactive = 0,

    /// <summary>The default.</summary>
    Normal = 1,

    /// <summary>Bulk work that may wait behind everything else.</summary>
    Batch = 2,
}
