namespace AutoScale.Artifacts;

/// <summary>The names artifacts are stored under.</summary>
public static class ArtifactKeys
{
    /// <summary>
    /// One attempt's audio of a chunk. Each lease writes its own: when a chunk runs twice (its lease expired while its
    /// worker was still at it, or its queue moved to another gateway), the late run must not overwrite the audio whose
    /// sample count the first completion recorded.
    /// </summary>
    public static string Chunk(Guid jobId, int sequence, Guid leaseId) => $"jobs/{jobId:N}/chunks/{sequence:D6}-{leaseId:N}.pcm16";

    public static string Final(Guid jobId, string extension) => $"jobs/{jobId:N}/final.{extension}";

    /// <summary>The prefix every artifact of the job is stored under.</summary>
    public static string Job(Guid jobId) => $"jobs/{jobId:N}/";
}
