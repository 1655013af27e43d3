using System.Text;
using AutoScale.Engines.Abstractions;
using AutoScale.Engines.Kokoro.Phonemes;

namespace AutoScale.Engines.Kokoro.Timing;

/// <summary>
/// A chunk's words timed from the frames Kokoro predicted for each of its phoneme tokens (pure):
/// <list type="number">
/// <item>the chunk's phonemes are its pieces joined as <see cref="PhonemePiece.JoinPhonemes"/> joins them; every phoneme
/// the vocabulary knows is one token after the start token, the others take no time;</item>
/// <item>within a word run, eSpeak's space-separated phoneme words are the text's words when their counts agree;
/// otherwise the run's span is shared among its words by their lengths in characters; marks written against a word
/// (a comma after it, a bracket before it) are part of its text, as whitespace splits the text;</item>
/// <item>the words tile the audio: the first starts at 0 (the start token's frames), each ends where the next starts
/// (pauses and punctuation belong to the word before), and the last ends with the audio, so their times sum to its length.</item>
/// </list>
/// </summary>
public static class WordTimings
{
    /// <param name="pieces">The chunk's pieces, in order.</param>
    /// <param name="durations">Frames per token, start and end tokens included.</param>
    /// <param name="isToken">Whether a phoneme has a token in the model's vocabulary.</param>
    /// <param name="secondsPerFrame">Audio seconds per frame (600 samples at 24 kHz: 0.025).</param>
    /// <returns>The words in order; empty when the durations do not match the phonemes.</returns>
    public static IReadOnlyList<SpokenWord> Of(IReadOnlyList<PhonemePiece> pieces, IReadOnlyList<long> durations, Func<Rune, bool> isToken, double secondsPerFrame)
    {
        var frameAt = new List<long>(); // frame where each phoneme (rune) of the joined string starts; one more at the end
        var token = 1;
        long frame = durations.Count > 0 ? durations[0] : 0;
        var spans = new List<(string Text, int From, int To)>();
        var joined = 0;
        var opening = "";
        foreach (var piece in pieces)
        {
            if (piece.Phonemes.Length == 0)
            {
                continue;
            }

            if (joined > 0 && piece.SpaceBefore)
            {
                Advance(new Rune(' '));
            }

            var from = frameAt.Count;
            foreach (var rune in piece.Phonemes.EnumerateRunes())
            {
                Advance(rune);
            }

            if (!piece.IsPunctuation)
            {
                var runWords = WordsOf(piece, from).ToList();
                if (opening.Length > 0 && runWords.Count > 0)
                {
                    runWords[0] = runWords[0] with { Text = opening + runWords[0].Text };
                    opening = "";
                }

                spans.AddRange(runWords);
            }
            else if (piece.IsOpening)
            {
                opening += piece.Text;
            }
            else if (!piece.SpaceBefore && spans.Count > 0)
            {
                // A mark written against the word before is part of it, as in the text ("fox," "rests!").
                spans[^1] = spans[^1] with { Text = spans[^1].Text + piece.Text };
            }

            joined++;
        }

        frameAt.Add(frame);
        if (token != durations.Count - 1 || spans.Count == 0)
        {
            return [];
        }

        var total = frame + durations[^1];
        var words = new List<SpokenWord>(spans.Count);
        for (var i = 0; i < spans.Count; i++)
        {
            var start = i == 0 ? 0 : frameAt[spans[i].From];
            var end = i == spans.Count - 1 ? total : frameAt[spans[i + 1].From];
            words.Add(new SpokenWord(spans[i].Text, start * secondsPerFrame, Math.Max(start, end) * secondsPerFrame));
        }

        return words;

        void Advance(Rune rune)
        {
            frameAt.Add(frame);
            if (isToken(rune) && token < durations.Count - 1)
            {
                frame += durations[token];
                token++;
            }
            else if (isToken(rune))
            {
                token++; // more tokens than durations: reported as a mismatch above
            }
        }
    }

    /// <summary>The run's words, each with the index of its first phoneme in the joined string.</summary>
    private static IEnumerable<(string Text, int From, int To)> WordsOf(PhonemePiece piece, int from)
    {
        var texts = piece.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var phonemeWords = new List<(int From, int Length)>();
        var runes = piece.Phonemes.EnumerateRunes().ToList();
        for (var index = 0; index < runes.Count;)
        {
            while (index < runes.Count && runes[index].Value == ' ')
            {
                index++;
            }

            var start = index;
            while (index < runes.Count && runes[index].Value != ' ')
            {
                index++;
            }

            if (index > start)
            {
                phonemeWords.Add((start, index - start));
            }
        }

        if (texts.Length == 0 || phonemeWords.Count == 0)
        {
            yield break;
        }

        if (texts.Length == phonemeWords.Count)
        {
            for (var i = 0; i < texts.Length; i++)
            {
                yield return (texts[i], from + phonemeWords[i].From, from + phonemeWords[i].From + phonemeWords[i].Length);
            }

            yield break;
        }

        // eSpeak read the run as a different number of words (numbers, abbreviations): share its phonemes by text length.
        var first = phonemeWords[0].From;
        var last = phonemeWords[^1].From + phonemeWords[^1].Length;
        var characters = texts.Sum(t => t.Length);
        var done = 0;
        foreach (var text in texts)
        {
            var start = first + (int)((long)(last - first) * done / characters);
            done += text.Length;
            var end = first + (int)((long)(last - first) * done / characters);
            yield return (text, from + start, from + end);
        }
    }
}
