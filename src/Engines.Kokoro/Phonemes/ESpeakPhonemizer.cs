using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace AutoScale.Engines.Kokoro.Phonemes;

/// <summary>
/// Text to eSpeak NG IPA in the tie form (<c>t^ʃ</c>, <c>o^ʊ</c>), with the punctuation Kokoro keeps put back between
/// clauses; <see cref="KokoroPhonemeMapper"/> turns the result into Kokoro's phonemes.
/// </summary>
/// <remarks>
/// eSpeak NG has one instance per process: every instance of this class shares it, initialises it on first use and
/// serialises calls through one process-wide lock. It never calls <c>espeak_Terminate</c>.
/// </remarks>
public sealed partial class ESpeakPhonemizer
{
    /// <summary>The whole text as one IPA string: clauses and punctuation, one space where the text had whitespace.</summary>
    /// <exception cref="ArgumentException">eSpeak NG has no voice for <paramref name="language"/>.</exception>
    public string Phonemize(string text, string language) => PhonemePiece.JoinPhonemes(PhonemizePieces(text, language));

    /// <summary>
    /// The text as word runs (eSpeak IPA, tie form) and punctuation marks, in order; runs eSpeak finds nothing to say
    /// in are left out.
    /// </summary>
    /// <exception cref="ArgumentException">eSpeak NG has no voice for <paramref name="language"/>.</exception>
    public IReadOnlyList<PhonemePiece> PhonemizePieces(string text, string language)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(language);
        var pieces = ClauseSplitter.Split(text.Replace('\0', ' '));
        var result = new List<PhonemePiece>(pieces.Count);
        lock (ESpeakGate.Sync)
        {
            ESpeakGate.EnsureInitialized();

            // Set on every call: the voice is process-wide state another caller may have changed.
            SelectVoice(language);
            foreach (var piece in pieces)
            {
                if (piece.IsPunctuation)
                {
                    result.Add(piece);
                    continue;
                }

                var phonemes = PhonemizeWords(piece.Text);
                if (phonemes.Length > 0)
                {
                    result.Add(piece with { Phonemes = phonemes });
                }
            }
        }

        return result;
    }

    private static void SelectVoice(string language)
    {
        // By language rather than name: 1.51 has no voice named "en-gb" (British English is "en"), but lists it as a language.
        var languages = Marshal.StringToCoTaskMemUTF8(language);
        try
        {
            var voice = new ESpeakVoiceSpec { Languages = languages };
            var status = ESpeakPhonemeNative.SetVoiceByProperties(ref voice);
            if (status != ESpeakPhonemeNative.Ok)
            {
                throw new ArgumentException($"eSpeak NG has no voice for language '{language}' (error {status}).", nameof(language));
            }
        }
        finally
        {
            Marshal.FreeCoTaskMem(languages);
        }
    }

    /// <summary>Every clause eSpeak makes of the words, joined by spaces.</summary>
    private static string PhonemizeWords(string words)
    {
        var utf8 = Encoding.UTF8.GetBytes(words);
        var buffer = Marshal.AllocHGlobal(utf8.Length + 1);
        try
        {
            Marshal.Copy(utf8, 0, buffer, utf8.Length);
            Marshal.WriteByte(buffer, utf8.Length, 0);
            var builder = new StringBuilder();
            var cursor = buffer;
            while (cursor != IntPtr.Zero)
            {
                var before = cursor;
                var clause = Marshal.PtrToStringUTF8(
                    ESpeakPhonemeNative.TextToPhonemes(ref cursor, ESpeakPhonemeNative.CharsUtf8, ESpeakPhonemeNative.PhonemesIpaWithTie));
                if (!string.IsNullOrWhiteSpace(clause))
                {
                    if (builder.Length > 0)
                    {
                        builder.Append(' ');
                    }

                    builder.Append(clause);
                }

                if (cursor == before)
                {
                    // Not documented to happen, but a cursor that stops moving would loop forever.
                    break;
                }
            }

            return Whitespace().Replace(LanguageSwitch().Replace(builder.ToString(), string.Empty), " ").Trim();
        }
        finally
        {
            Marshal.FreeHGlobal(buffer);
        }
    }

    /// <summary>A word eSpeak reads in another language is wrapped in "(fr)…(en)"; the brackets would become Kokoro phonemes.</summary>
    [GeneratedRegex(@"\([a-z]{2,3}(-[a-z0-9]+)*\)")]
    private static partial Regex LanguageSwitch();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
