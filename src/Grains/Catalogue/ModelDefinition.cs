using System.ComponentModel.DataAnnotations;

namespace AutoScale.Grains.Catalogue;

/// <summary>A model users can ask for: the pool (engine class) that serves it, its voices and how its text is chunked.</summary>
public sealed class ModelDefinition
{
    /// <summary>The worker pool that serves this model (pools are named after engines: <c>espeak</c>, <c>kokoro</c>).</summary>
    [Required]
    public string Pool { get; set; } = "";

    /// <summary>Shown in <c>GET /v1/models</c>.</summary>
    public string Description { get; set; } = "";

    /// <summary>Voices this model speaks with. At least one.</summary>
    [MinLength(1)]
    public List<string> Voices { get; set; } = [];

    /// <summary>The voice used when a request names none; must be one of <see cref="Voices"/>.</summary>
    [Required]
    public string DefaultVoice { get; set; } = "";

    /// <summary>Chunks aim at this many characters (whole sentences are packed up to it).</summary>
    [Range(1, 100_000)]
    public int ChunkTargetCharacters { get; set; } = 400;

    /// <summary>No chunk is ever longer than this.</summary>
    [Range(1, 100_000)]
    public int ChunkMaxCharacters { get; set; } = 1_000;
}
