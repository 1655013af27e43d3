namespace AutoScale.Grains.Catalogue;

/// <summary>
/// The models and voices the fleet serves, bound from the <c>Catalogue</c> section. When the section names no
/// model, <see cref="Default"/> applies: the eSpeak NG pool (CPU) and the Kokoro-82M pool (GPU).
/// </summary>
public sealed class CatalogueOptions
{
    public const string SectionName = "Catalogue";

    /// <summary>The model used when a request names none. Default <c>espeak</c>.</summary>
    public string DefaultModel { get; set; } = "espeak";

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
            Description = "Kokoro-82M neural speech on GPU workers (24 kHz).",
            Voices = ["af_heart", "af_bella", "af_nicole", "am_michael", "am_fenrir", "bf_emma", "bm_george"],
            DefaultVoice = "af_heart",
            // Kokoro reads at most 510 phonemes at once; ~250 characters of English stays well inside it.
            ChunkTargetCharacters = 250,
            ChunkMaxCharacters = 400,
        },
    };
}
