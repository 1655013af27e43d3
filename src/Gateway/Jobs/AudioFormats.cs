namespace AutoScale.Gateway.Jobs;

/// <summary>The audio formats a job can ask for.</summary>
public static class AudioFormats
{
    public const string Default = "wav";

    public static IReadOnlyList<string> All { get; } = ["wav", "opus", "pcm"];
}
