namespace AutoScale.Testing.Audio;

/// <summary>
/// A program from a Debian package that judges the encoders' output independently of them: the reference decoders.
/// scripts/prerequisites.sh installs every one of them, so under ./test.sh none is missing.
/// </summary>
public sealed record ReferenceTool(string Name, string Package)
{
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(60);

    public static ReferenceTool Ffmpeg { get; } = new("ffmpeg", "ffmpeg");

    public static ReferenceTool Ffprobe { get; } = new("ffprobe", "ffmpeg");

    public static ReferenceTool Mpg123 { get; } = new("mpg123", "mpg123");

    public static ReferenceTool Flac { get; } = new("flac", "flac");

    public static ReferenceTool Metaflac { get; } = new("metaflac", "flac");

    public static ReferenceTool Opusinfo { get; } = new("opusinfo", "opus-tools");

    public static ReferenceTool Opusdec { get; } = new("opusdec", "opus-tools");

    public static IReadOnlyList<ReferenceTool> All { get; } = [Ffmpeg, Ffprobe, Mpg123, Flac, Metaflac, Opusinfo, Opusdec];

    public string? Location => InstalledProgram.Find(Name);

    public string MissingReason => $"{Name} is not installed; ./test.sh installs it (apt-get install {Package}).";

    /// <summary>Runs the tool; throws (failing the test) unless it exits with 0. Returns everything it printed.</summary>
    public async Task<string> RunAsync(params string[] arguments)
    {
        var location = Location ?? throw new InvalidOperationException(MissingReason);
        var result = await ExternalCommand.RunAsync(location, arguments, _timeout);
        return result.ExitCode == 0
            ? result.AllOutput
            : throw new InvalidOperationException($"{Name} {string.Join(' ', arguments)} exited with {result.ExitCode}:\n{result.AllOutput}");
    }
}
