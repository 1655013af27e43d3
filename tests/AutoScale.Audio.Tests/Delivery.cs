namespace AutoScale.Audio.Tests;

/// <summary>The two ways the gateway encodes a job's audio.</summary>
public enum Delivery
{
    /// <summary>The whole file assembled at once: a seekable file, the total known.</summary>
    Finished,

    /// <summary>Streamed while the job runs: an output that cannot seek, no total, a flush after every piece.</summary>
    Streamed,
}
