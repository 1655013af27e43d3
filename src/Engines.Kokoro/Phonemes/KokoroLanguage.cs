namespace AutoScale.Engines.Kokoro.Phonemes;

/// <summary>
/// The language of a Kokoro voice, from the first letter of its name as upstream's pipeline reads it (<c>af_heart</c> →
/// American English): the eSpeak NG language that phonemizes it, or why this worker cannot speak it.
/// </summary>
/// <param name="Code">The voice's first letter (upstream's <c>lang_code</c>).</param>
/// <param name="Name">The language in words.</param>
/// <param name="ESpeakLanguage">eSpeak NG's language for it; null when it needs another phonemizer.</param>
/// <param name="UnavailableReason">Why voices of this language cannot be spoken here; null when they can.</param>
public sealed record KokoroLanguage(char Code, string Name, string? ESpeakLanguage, string? UnavailableReason)
{
    private static readonly KokoroLanguage[] _known =
    [
        new('a', "American English", "en-us", null),
        new('b', "British English", "en-gb", null),
        new('e', "Spanish", "es", null),
        new('f', "French", "fr-fr", null),
        new('h', "Hindi", "hi", null),
        new('i', "Italian", "it", null),
        new('p', "Brazilian Portuguese", "pt-br", null),
        // Upstream phonemizes these with misaki's ja (pyopenjtalk) and zh (jieba, pypinyin) front ends, which have no eSpeak equivalent.
        new('j', "Japanese", null, "Japanese voices need misaki's Japanese phonemizer (pyopenjtalk), which this worker does not have"),
        new('z', "Mandarin Chinese", null, "Mandarin Chinese voices need misaki's Chinese phonemizer (jieba and pypinyin), which this worker does not have"),
    ];

    /// <summary>Whether the voice can be spoken here.</summary>
    public bool IsAvailable => UnavailableReason is null;

    /// <summary>Whether misaki's English rules apply (its eSpeak fallback) rather than its generic eSpeak ones.</summary>
    public bool IsEnglish => Code is 'a' or 'b';

    /// <summary>The language of <paramref name="voice"/>; an unknown first letter gives an unavailable language saying so.</summary>
    public static KokoroLanguage ForVoice(string voice)
    {
        ArgumentException.ThrowIfNullOrEmpty(voice);
        var code = char.ToLowerInvariant(voice[0]);
        return _known.FirstOrDefault(l => l.Code == code)
            ?? new KokoroLanguage(code, "unknown", null, $"no Kokoro language starts with '{code}' (known: {string.Join(", ", _known.Select(l => l.Code))})");
    }

    /// <summary>The language eSpeak NG phonemizes with.</summary>
    /// <exception cref="InvalidOperationException">The language needs another phonemizer (<see cref="UnavailableReason"/>).</exception>
    public string RequireESpeakLanguage() => ESpeakLanguage ?? throw new InvalidOperationException(UnavailableReason);
}
