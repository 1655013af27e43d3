using System.Text;
using System.Text.RegularExpressions;
using AutoScale.Engines.Kokoro.Model;

namespace AutoScale.Engines.Kokoro.Phonemes;

/// <summary>
/// eSpeak NG IPA (tie form) to Kokoro's phonemes, then to token ids through the config's vocabulary. English takes the
/// substitutions misaki's <c>EspeakFallback</c> makes (misaki fba1236, Kokoro v1.0, so <c>ɾ</c> → <c>T</c> and
/// <c>ʔ</c> → <c>t</c>); the other eSpeak languages (Spanish, French, Hindi, Italian, Brazilian Portuguese) take those of
/// misaki's <c>EspeakG2P</c>, as upstream's pipeline phonemizes them (no version: the v1.0 rules).
/// </summary>
/// <remarks>
/// Two departures from misaki, where its replacements can never fire: British <c>e^ə</c> → <c>ɛː</c> runs before
/// <c>e</c> → <c>A</c> (in misaki the latter eats it first), and the <c>iə</c>/<c>ɪə</c> rules also match the tied
/// <c>i^ə</c>/<c>ɪ^ə</c> eSpeak actually writes.
/// </remarks>
public sealed partial class KokoroPhonemeMapper
{
    // misaki's table, longest first, in its order.
    private static readonly (string From, string To)[] _fromESpeak =
    [
        ("ʔˌn\u0329", "ʔn"),
        ("ʔn\u0329", "ʔn"),
        ("a^ɪ", "I"),
        ("a^ʊ", "W"),
        ("d^ʒ", "ʤ"),
        ("e^ɪ", "A"),
        ("t^ʃ", "ʧ"),
        ("ɔ^ɪ", "Y"),
        ("ə^l", "ᵊl"),
        ("ʲo", "jo"),
        ("ʲə", "jə"),
        ("e", "A"),
        ("ʲ", string.Empty),
        ("ɚ", "əɹ"),
        ("r", "ɹ"),
        ("x", "k"),
        ("ç", "k"),
        ("ɐ", "ə"),
        ("ɬ", "l"),
        ("\u0303", string.Empty),
    ];

    private static readonly (string From, string To)[] _british =
    [
        ("i^ə", "ɪə"),
        ("iə", "ɪə"),
        ("ə^ʊ", "Q"),
    ];

    private static readonly (string From, string To)[] _american =
    [
        ("o^ʊ", "O"),
        ("ɜːɹ", "ɜɹ"),
        ("ɜː", "ɜɹ"),
        ("ɪ^ə", "iə"),
        ("ɪə", "iə"),
        ("ː", string.Empty),
    ];

    // misaki's EspeakG2P table (all keys the same length, so order does not matter).
    private static readonly (string From, string To)[] _fromESpeakOther =
    [
        ("a^ɪ", "I"),
        ("a^ʊ", "W"),
        ("d^z", "ʣ"),
        ("d^ʒ", "ʤ"),
        ("e^ɪ", "A"),
        ("o^ʊ", "O"),
        ("ə^ʊ", "Q"),
        ("s^s", "S"),
        ("t^s", "ʦ"),
        ("t^ʃ", "ʧ"),
        ("ɔ^ɪ", "Y"),
    ];

    private readonly Dictionary<int, long> _ids;

    /// <exception cref="ArgumentException">A vocabulary entry is not a single code point.</exception>
    public KokoroPhonemeMapper(IReadOnlyDictionary<string, int> vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        _ids = new Dictionary<int, long>(vocabulary.Count);
        foreach (var (phoneme, id) in vocabulary)
        {
            if (Rune.DecodeFromUtf16(phoneme, out var rune, out var consumed) != System.Buffers.OperationStatus.Done || consumed != phoneme.Length)
            {
                throw new ArgumentException($"Vocabulary entry '{phoneme}' (id {id}) is not a single code point.", nameof(vocabulary));
            }

            _ids[rune.Value] = id;
        }
    }

    public KokoroPhonemeMapper(KokoroConfig config)
        : this((config ?? throw new ArgumentNullException(nameof(config))).Vocabulary)
    {
    }

    /// <summary>eSpeak IPA for <paramref name="language"/> (an eSpeak language of <see cref="KokoroLanguage"/>) in Kokoro's phoneme set; punctuation passes through.</summary>
    /// <exception cref="ArgumentException">No Kokoro voice speaks <paramref name="language"/> through eSpeak.</exception>
    public static string ToKokoro(string espeakPhonemes, string language)
    {
        ArgumentNullException.ThrowIfNull(espeakPhonemes);
        return language switch
        {
            "en-gb" => English(espeakPhonemes, british: true),
            "en-us" => English(espeakPhonemes, british: false),
            "es" or "fr-fr" or "hi" or "it" or "pt-br" => Other(espeakPhonemes),
            _ => throw new ArgumentException($"No Kokoro voice speaks '{language}' through eSpeak NG (en-us, en-gb, es, fr-fr, hi, it and pt-br do).", nameof(language)),
        };
    }

    private static string English(string espeakPhonemes, bool british)
    {
        var phonemes = new StringBuilder(espeakPhonemes);
        if (british)
        {
            phonemes.Replace("e^ə", "ɛː");
        }

        Apply(phonemes, _fromESpeak);
        var text = SyllabicConsonant().Replace(phonemes.ToString(), "ᵊ$1").Replace("\u0329", string.Empty);
        phonemes.Clear().Append(text);
        Apply(phonemes, british ? _british : _american);

        // misaki: "for espeak < 1.52"; then the v1.0 spellings of the flap and the glottal stop.
        return phonemes.Replace('o', 'ɔ').Replace('ɾ', 'T').Replace('ʔ', 't').Replace("^", string.Empty).ToString();
    }

    private static string Other(string espeakPhonemes)
    {
        var phonemes = new StringBuilder(espeakPhonemes);
        Apply(phonemes, _fromESpeakOther);

        // Left-over ties go, and so do hyphens (misaki: "not sure what they mean"; v1.0 keeps no syllabic marks either).
        return phonemes.Replace("^", string.Empty).Replace("-", string.Empty).ToString();
    }

    /// <summary>Whether the phoneme has a token (phonemes without one are dropped by <see cref="Encode"/>).</summary>
    public bool IsToken(Rune phoneme) => _ids.ContainsKey(phoneme.Value);

    /// <summary>Kokoro phonemes to token ids; phonemes outside the vocabulary are dropped and counted.</summary>
    public KokoroTokens Encode(string kokoroPhonemes)
    {
        ArgumentNullException.ThrowIfNull(kokoroPhonemes);
        var ids = new List<long>(kokoroPhonemes.Length);
        var dropped = 0;
        var count = 0;
        foreach (var rune in kokoroPhonemes.EnumerateRunes())
        {
            count++;
            if (_ids.TryGetValue(rune.Value, out var id))
            {
                ids.Add(id);
            }
            else
            {
                dropped++;
            }
        }

        return new KokoroTokens(ids, dropped, count);
    }

    /// <summary>eSpeak IPA straight to token ids (<see cref="ToKokoro"/> then <see cref="Encode"/>).</summary>
    public KokoroTokens EncodeESpeak(string espeakPhonemes, string language) => Encode(ToKokoro(espeakPhonemes, language));

    private static void Apply(StringBuilder phonemes, (string From, string To)[] rules)
    {
        foreach (var (from, to) in rules)
        {
            phonemes.Replace(from, to);
        }
    }

    [GeneratedRegex(@"(\S)\u0329")]
    private static partial Regex SyllabicConsonant();
}
