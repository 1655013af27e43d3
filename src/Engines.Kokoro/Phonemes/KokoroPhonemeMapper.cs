using System.Text;
using System.Text.RegularExpressions;
using AutoScale.Engines.Kokoro.Model;

namespace AutoScale.Engines.Kokoro.Phonemes;

/// <summary>
/// eSpeak NG IPA (tie form) to Kokoro's phonemes, the substitutions misaki's <c>EspeakFallback</c> makes (misaki
/// fba1236, Kokoro v1.0, so <c>ɾ</c> → <c>T</c> and <c>ʔ</c> → <c>t</c>), then to token ids through the config's vocabulary.
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

    /// <summary>eSpeak IPA for <paramref name="language"/> (en-us or en-gb) in Kokoro's phoneme set; punctuation passes through.</summary>
    /// <exception cref="ArgumentException">The language is not en-us or en-gb.</exception>
    public static string ToKokoro(string espeakPhonemes, string language)
    {
        ArgumentNullException.ThrowIfNull(espeakPhonemes);
        var british = language switch
        {
            ESpeakPhonemizer.BritishEnglish => true,
            ESpeakPhonemizer.AmericanEnglish => false,
            _ => throw new ArgumentException($"Only {ESpeakPhonemizer.AmericanEnglish} and {ESpeakPhonemizer.BritishEnglish} map to Kokoro phonemes, not '{language}'.", nameof(language)),
        };

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
