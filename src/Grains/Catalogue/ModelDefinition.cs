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

    /// <summary>Voices this model speaks with; at least one unless <see cref="DiscoverVoices"/>.</summary>
    public List<string> Voices { get; set; } = [];

    /// <summary>
    /// Whether the voices are the ones the pool's workers report (the files their engine found on disk) instead of
    /// <see cref="Voices"/>. Until a worker has reported, any well-formed voice id is accepted and the worker decides.
    /// </summary>
    public bool DiscoverVoices { get; set; }

    /// <summary>Whether requests may blend voices (<c>af_bella(2)+af_sky(1)</c>). Default false.</summary>
    public bool Blends { get; set; }

    /// <summary>
    /// The voice used when a request names none: one of <see cref="Voices"/>, or for discovered voices the preferred
    /// one (the first available reported voice stands in when the workers lack it).
    /// </summary>
    [Required]
    public string DefaultVoice { get; set; } = "";

    /// <summary>Chunks aim at this many characters (whole sentences are packed up to it).</summary>
    [Range(1, 100_000)]
    public int ChunkTargetCharacters { get; set; } = 400;

    /// <summary>No chunk is ever longer than this.</summary>
    [Range(1, 100_000)]
    public int ChunkMaxCharacters { get; set; } = 1_000;
}
