namespace AutoScale.Grains.Catalogue;

/// <summary>
/// The models and voices the fleet serves, bound from the <c>Catalogue</c> section. When the section names no
/// model, <see cref="Default"/> applies: the eSpeak NG pool (CPU) and the Kokoro-82M pool (GPU), whose voices are the
/// ones its workers report.
/// </summary>
public sealed class CatalogueOptions
{
    public const string SectionName = "Catalogue";

    /// <summary>The model used when a request names none. Default <c>espeak</c>.</summary>
    public string DefaultModel { get; set; } = "espeak";

    /// <summary>
    /// How often a gateway rereads the voices workers reported, in seconds (a report made through another gateway
    /// reaches this one within it). Default 5.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(0.1, 3600)]
    public double RefreshSeconds { get; set; } = 5;

    /// <summary>Models by their id (what requests send as <c>model</c>).</summary>
    public Dictionary<string, ModelDefinition> Models { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The built-in catalogue: what the two engine pools of the product speak.</summary>
    public static Dictionary<string, ModelDefinition> Default() => new(StringComparer.Ordinal)
    {
        ["espeak"] = new()
        {
            Pool = "espeak",
            Description = "eSpeak NG formant synthesis on CPU workers: robotic but cheap, many languages.",
            Voices = ["en-us", "en-gb", "de", "fr", "es", "it", "pt-br", "nl", "pl", "ru"],
            DefaultVoice = "en-us",
            ChunkTargetCharacters = 400,
            ChunkMaxCharacters = 1_000,
        },
        ["kokoro"] = new()
        {
            Pool = "kokoro",
            Description = "Kokoro-82M neural speech (24 kHz) on GPU workers, or CPU ones; its voices are those its workers have.",
            DiscoverVoices = true,
            Blends = true,
            DefaultVoice = "af_heart",
            // Kokoro reads at most 510 phonemes at once; ~250 characters of English stays well inside it.
            ChunkTargetCharacters = 250,
            ChunkMaxCharacters = 400,
        },
    };
}
