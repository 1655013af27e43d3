using System.Text.RegularExpressions;

namespace AutoScale.Engines.Kokoro.Phonemes;

/// <summary>
/// Splits text into chunks whose Kokoro phonemes fit the model's context (512 positions minus the two padding tokens),
/// as Kokoro's English pipeline does: lines apart, then as many pieces as fit, cut after the last sentence end, else the
/// last <c>:</c>/<c>;</c>, else the last <c>,</c>/<c>—</c>, else between words — and inside a word when one word alone is too long.
/// </summary>
public sealed partial class PhonemeChunker
{
    /// <summary>Kokoro's context (512) minus the start and end tokens.</summary>
    public const int MaxPhonemes = 510;

    private readonly Func<string, IReadOnlyList<PhonemePiece>> _phonemize;
    private readonly int _limit;

    /// <param name="phonemize">Text to pieces whose phonemes are already in Kokoro's set (see <see cref="ForLanguage"/>).</param>
    /// <param name="limit">Most phonemes in a chunk, 1 to <see cref="MaxPhonemes"/>; smaller chunks start sooner and sound less rushed.</param>
    public PhonemeChunker(Func<string, IReadOnlyList<PhonemePiece>> phonemize, int limit = MaxPhonemes)
    {
        ArgumentNullException.ThrowIfNull(phonemize);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxPhonemes);
        _phonemize = phonemize;
        _limit = limit;
    }

    /// <summary>A chunker that phonemizes with eSpeak NG and maps to Kokoro's phonemes for one of the languages of <see cref="KokoroLanguage"/>.</summary>
    public static PhonemeChunker ForLanguage(ESpeakPhonemizer phonemizer, string language, int limit = MaxPhonemes)
    {
        ArgumentNullException.ThrowIfNull(phonemizer);
        _ = KokoroPhonemeMapper.ToKokoro(string.Empty, language);
        return new PhonemeChunker(
            text => phonemizer.PhonemizePieces(text, language)
                .Select(piece => piece.IsPunctuation ? piece : piece with { Phonemes = KokoroPhonemeMapper.ToKokoro(piece.Phonemes, language) })
                .ToList(),
            limit);
    }

    public int Limit => _limit;

    /// <summary>The chunks in order; lines with nothing to say give none.</summary>
    public IReadOnlyList<PhonemeChunk> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var chunks = new List<PhonemeChunk>();
        foreach (var line in LineBreaks().Split(text))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var pieces = new List<PhonemePiece>();
            foreach (var piece in _phonemize(line))
            {
                AddFitting(piece, pieces);
            }

            Pack(pieces, chunks);
        }

        return chunks;
    }

    /// <summary>Greedy packing: when the next piece does not fit, cut at the best boundary that leaves the carried-over part fitting.</summary>
    private void Pack(List<PhonemePiece> pieces, List<PhonemeChunk> chunks)
    {
        var start = 0;
        var length = 0;
        for (var index = 0; index < pieces.Count; index++)
        {
            var added = Added(length, pieces[index]);
            if (length + added <= _limit)
            {
                length += added;
                continue;
            }

            var cut = ChooseCut(pieces, start, index);
            Emit(pieces, start, cut, chunks);
            start = cut + 1;
            length = 0;
            for (var carried = start; carried <= index; carried++)
            {
                length += Added(length, pieces[carried]);
            }
        }

        if (start < pieces.Count)
        {
            Emit(pieces, start, pieces.Count - 1, chunks);
        }
    }

    /// <summary>
    /// The last piece of the chunk to emit, in [start, next - 1]: the strongest boundary, the latest among equals, whose
    /// remainder up to and including <paramref name="next"/> still fits. Cutting just before <paramref name="next"/> always fits.
    /// </summary>
    private int ChooseCut(List<PhonemePiece> pieces, int start, int next)
    {
        var best = next - 1;
        var bestRank = CutRank(pieces, best);
        for (var last = next - 1; last >= start; last--)
        {
            if (LengthOf(pieces, last + 1, next) > _limit)
            {
                break;
            }

            var rank = CutRank(pieces, last);
            if (rank > bestRank)
            {
                best = last;
                bestRank = rank;
            }
        }

        return best;
    }

    /// <summary>How good a place the end of piece <paramref name="last"/> is to cut: never before a mark that closes the words before it, if avoidable.</summary>
    private static int CutRank(List<PhonemePiece> pieces, int last)
    {
        var next = pieces[last + 1];
        if (next.IsPunctuation && !next.SpaceBefore && !next.IsOpening)
        {
            return -1;
        }

        return (int)pieces[last].Break;
    }

    private static int LengthOf(List<PhonemePiece> pieces, int first, int last)
    {
        var length = 0;
        for (var index = first; index <= last; index++)
        {
            length += Added(length, pieces[index]);
        }

        return length;
    }

    private static int Added(int length, PhonemePiece piece) =>
        piece.Phonemes.Length == 0 ? 0 : piece.Phonemes.Length + (length > 0 && piece.SpaceBefore ? 1 : 0);

    private static void Emit(List<PhonemePiece> pieces, int first, int last, List<PhonemeChunk> chunks)
    {
        var range = pieces.GetRange(first, last - first + 1);
        var phonemes = PhonemePiece.JoinPhonemes(range);
        if (phonemes.Length > 0)
        {
            chunks.Add(new PhonemeChunk(PhonemePiece.JoinText(range), phonemes, range));
        }
    }

    /// <summary>Adds the piece, split into fitting parts when its phonemes alone are over the limit.</summary>
    private void AddFitting(PhonemePiece piece, List<PhonemePiece> pieces)
    {
        if (piece.Phonemes.Length <= _limit)
        {
            pieces.Add(piece);
            return;
        }

        var text = piece.Text;
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        string left, right;
        bool rightSpaced;
        if (words.Length > 1)
        {
            left = string.Join(' ', words[..(words.Length / 2)]);
            right = string.Join(' ', words[(words.Length / 2)..]);
            rightSpaced = true;
        }
        else if (text.Length > 1 && !(text.Length == 2 && char.IsSurrogatePair(text[0], text[1])))
        {
            var middle = text.Length / 2;
            if (char.IsLowSurrogate(text[middle]))
            {
                middle++;
            }

            left = text[..middle];
            right = text[middle..];
            rightSpaced = false;
        }
        else
        {
            // One character that still says too much: nothing left to split, so keep what fits.
            pieces.Add(piece with { Phonemes = piece.Phonemes[.._limit] });
            return;
        }

        AddPart(left, piece.SpaceBefore, pieces);
        AddPart(right, rightSpaced, pieces);
    }

    private void AddPart(string text, bool spaceBefore, List<PhonemePiece> pieces)
    {
        var first = true;
        foreach (var part in _phonemize(text))
        {
            AddFitting(first ? part with { SpaceBefore = spaceBefore } : part, pieces);
            first = false;
        }
    }

    [GeneratedRegex(@"[\r\n]+")]
    private static partial Regex LineBreaks();
}
