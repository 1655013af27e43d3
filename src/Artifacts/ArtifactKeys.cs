namespace AutoScale.Artifacts;

/// <summary>The names artifacts are stored under.</summary>
public static class ArtifactKeys
{
    public static string Chunk(Guid jobId, int sequence) => $"jobs/{jobId:N}/chunks/{sequence:D6}.pcm16";

    public static string Final(Guid jobId, string extension) => $"jobs/{jobId:N}/final.{extension}";

    /// <summary>The prefix every artifact of the job is stored under.</summary>
    public static string Job(Guid jobId) => $"jobs/{jobId:N}/";
}
