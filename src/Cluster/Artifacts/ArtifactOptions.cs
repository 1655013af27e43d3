using System.ComponentModel.DataAnnotations;

namespace AutoScale.Cluster.Artifacts;

/// <summary>Bound from the <c>Artifacts</c> section.</summary>
public sealed class ArtifactOptions
{
    public const string SectionName = "Artifacts";

    /// <summary>
    /// The folder artifacts are stored in (<c>Artifacts:Path</c>). Required; the gateway and every worker must see
    /// the same folder (one machine, or a shared volume). The embedded default uses <c>.data/artifacts</c>.
    /// </summary>
    [Required(ErrorMessage = "Artifacts:Path is required (environment Artifacts__Path): the folder chunk audio is stored in.")]
    public string Path { get; set; } = "";
}
