using AutoScale.Grains.Catalogue;

namespace AutoScale.Gateway.Speech;

/// <summary>
/// How OpenAI's model and voice names map onto the catalogue, bound from the <c>Speech</c> section. When a table is
/// not configured, the built-in one applies, restricted to the models and voices the catalogue has.
/// </summary>
public sealed class SpeechOptions
{
    public const string SectionName = "Speech";

    /// <summary>OpenAI's limit on <c>input</c>, kept so that a request OpenAI accepts is accepted here and vice versa.</summary>
    public const int MaxInputCharacters = 4096;

    /// <summary>
    /// How long a speech request waits for a worker when its model's pool has none ready (one is starting), in seconds,
    /// before it answers 503 with <c>Retry-After</c> and cancels its job. Default 30: well inside the timeouts of OpenAI's
    /// clients (100 s in the .NET one), which would otherwise wait for a worker that may never come.
    /// </summary>
    public int WorkerWaitSeconds { get; set; } = 30;

    /// <summary>
    /// OpenAI model name → catalogue model id (<c>Speech:ModelAliases:tts-1=espeak</c>). Default: <c>tts-1</c> → <c>espeak</c>;
    /// <c>tts-1-hd</c> and <c>gpt-4o-mini-tts</c> → <c>kokoro</c>; the catalogue's default model where those are missing.
    /// </summary>
    public Dictionary<string, string> ModelAliases { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Per catalogue model, OpenAI voice name → one of the model's voices (<c>Speech:VoiceAliases:kokoro:alloy=af_heart</c>).
    /// Default: all eleven OpenAI voices for <c>espeak</c> (en-us, en-gb) and <c>kokoro</c> (by gender and accent).
    /// </summary>
    public Dictionary<string, Dictionary<string, string>> VoiceAliases { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The voice names OpenAI's speech endpoint offers.</summary>
    public static IReadOnlyList<string> OpenAiVoices { get; } =
        ["alloy", "ash", "ballad", "coral", "echo", "fable", "onyx", "nova", "sage", "shimmer", "verse", "marin", "cedar"];

    /// <summary>The built-in model aliases, pointed at the catalogue's default where a target model is missing.</summary>
    public static Dictionary<string, string> DefaultModelAliases(CatalogueOptions catalogue)
    {
        string Existing(string model) => catalogue.Models.ContainsKey(model) ? model : catalogue.DefaultModel;
        return new(StringComparer.OrdinalIgnoreCase)
        {
            ["tts-1"] = Existing("espeak"),
            ["tts-1-hd"] = Existing("kokoro"),
            ["gpt-4o-mini-tts"] = Existing("kokoro"),
        };
    }

    /// <summary>The built-in voice aliases, keeping only models and voices the catalogue has.</summary>
    public static Dictionary<string, Dictionary<string, string>> DefaultVoiceAliases(CatalogueOptions catalogue)
    {
        // eSpeak has no per-speaker voices in the catalogue: OpenAI's voices with a British flavour get en-gb.
        var espeak = OpenAiVoices.ToDictionary(v => v, v => v is "ballad" or "fable" or "sage" or "verse" ? "en-gb" : "en-us");
        var kokoro = new Dictionary<string, string>
        {
            ["alloy"] = "af_heart", ["ash"] = "am_michael", ["ballad"] = "bm_george", ["coral"] = "af_bella",
            ["echo"] = "am_michael", ["fable"] = "bf_emma", ["onyx"] = "am_fenrir", ["nova"] = "af_bella",
            ["sage"] = "af_nicole", ["shimmer"] = "af_heart", ["verse"] = "am_fenrir", ["marin"] = "af_heart", ["cedar"] = "am_michael",
        };
        var result = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (model, table) in new[] { ("espeak", espeak), ("kokoro", kokoro) })
        {
            if (catalogue.Models.TryGetValue(model, out var definition))
            {
                // Discovered voices are not known at start: the aliases stand, and a request finds out if the workers lack one.
                result[model] = new Dictionary<string, string>(
                    table.Where(a => definition.DiscoverVoices || definition.Voices.Contains(a.Value)), StringComparer.OrdinalIgnoreCase);
            }
        }

        return result;
    }
}
