using AutoScale.Artifacts.S3;

namespace AutoScale.Artifacts;

/// <summary>Bound from the <c>Artifacts</c> section; checked at start by <see cref="ArtifactOptionsValidator"/>.</summary>
public sealed class ArtifactOptions
{
    public const string SectionName = "Artifacts";

    public const string FileSystemStore = "filesystem";

    public const string S3Store = "s3";

    /// <summary>Where artifacts live (<c>Artifacts:Store</c>): <c>filesystem</c> (the default) or <c>s3</c>.</summary>
    public string Store { get; set; } = FileSystemStore;

    /// <summary>
    /// The folder artifacts are stored in (<c>Artifacts:Path</c>), required for the <c>filesystem</c> store; the
    /// gateway and every worker must see the same folder (one machine, or a shared volume). The embedded default uses
    /// <c>.data/artifacts</c>.
    /// </summary>
    public string Path { get; set; } = "";

    /// <summary>The bucket of the <c>s3</c> store (<c>Artifacts:S3</c>).</summary>
    public S3ArtifactOptions S3 { get; set; } = new();

    public bool UsesS3 => string.Equals(Store, S3Store, StringComparison.OrdinalIgnoreCase);
}
