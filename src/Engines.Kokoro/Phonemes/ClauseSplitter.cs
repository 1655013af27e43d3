namespace AutoScale.Engines.Kokoro.Phonemes;

/// <summary>
/// Splits text into runs of words and the punctuation marks Kokoro keeps as phonemes (<c>; : , . ! ? — … ( ) “ ”</c>).
/// eSpeak NG drops punctuation from its phonemes, so the marks are cut out here and put back between the runs,
/// as misaki's tokens keep them; the word runs go to eSpeak with their speech pieces' phonemes left empty.
/// </summary>
internal static class ClauseSplitter
{
    private const char Dash = '\u2014';
    private const char Ellipsis = '\u2026';
    private const char OpeningQuote = '\u201C';
    private const char ClosingQuote = '\u201D';

    // Titles that are followed by a name, never the end of a sentence.
    private static readonly HashSet<string> _abbreviations = new(StringComparer.OrdinalIgnoreCase) { "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Mt", "Jr", "Sr", "vs" };

    public static List<PhonemePiece> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pieces = new List<PhonemePiece>();
        var runStart = 0;
        var spacePending = false;
        var index = 0;
        while (index < text.Length)
        {
            if (TryReadMark(text, index, out var length, out var phoneme, out var boundary))
            {
                spacePending = FlushWords(text, runStart, index, spacePending, pieces);
                if (boundary == PhonemeBreak.None && phoneme is ")" or "\u201D" && !spacePending
                    && pieces.Count > 0 && pieces[^1].IsPunctuation)
                {
                    // A closing mark right after "." or "," ends the same sentence or clause, so a chunk may end after it.
                    boundary = pieces[^1].Break;
                }

                pieces.Add(new PhonemePiece(text.Substring(index, length), phoneme, IsPunctuation: true, boundary, spacePending));
                spacePending = false;
                index += length;
                runStart = index;
            }
            else
            {
                index++;
            }
        }

        FlushWords(text, runStart, text.Length, spacePending, pieces);
        return pieces;
    }

    /// <summary>Adds the words in [start, end) if there are any; returns whether whitespace is pending before the next piece.</summary>
    private static bool FlushWords(string text, int start, int end, bool spacePending, List<PhonemePiece> pieces)
    {
        var run = text.AsSpan(start, end - start);
        var words = run.Trim();
        if (words.IsEmpty)
        {
            return spacePending || !run.IsEmpty;
        }

        var spaceBefore = spacePending || char.IsWhiteSpace(run[0]);
        pieces.Add(new PhonemePiece(words.ToString(), string.Empty, IsPunctuation: false, PhonemeBreak.None, spaceBefore));
        return char.IsWhiteSpace(run[^1]);
    }

    private static bool TryReadMark(string text, int index, out int length, out string phoneme, out PhonemeBreak boundary)
    {
        var current = text[index];
        length = 1;
        phoneme = current.ToString();
        boundary = PhonemeBreak.None;
        switch (current)
        {
            case '!' or '?' or Ellipsis:
                boundary = PhonemeBreak.Sentence;
                return true;
            case '.':
                // "3.5", "U.S." and "Mr." are left for eSpeak to read, as is a full stop a lower-case word follows
                // (eSpeak does not end a sentence there either).
                boundary = PhonemeBreak.Sentence;
                return (index + 1 == text.Length || EndsWord(text[index + 1]))
                    && ((index > 0 && text[index - 1] == '.') || (!EndsAbbreviation(text, index) && !LowerCaseFollows(text, index)));
            case ':':
                // "10:30" is left for eSpeak.
                boundary = PhonemeBreak.Clause;
                return index + 1 == text.Length || EndsWord(text[index + 1]);
            case ',' or ';':
                boundary = current == ',' ? PhonemeBreak.Comma : PhonemeBreak.Clause;
                return !(index > 0 && char.IsDigit(text[index - 1]) && index + 1 < text.Length && char.IsDigit(text[index + 1]));
            case Dash:
                boundary = PhonemeBreak.Comma;
                return true;
            case '-' when index + 1 < text.Length && text[index + 1] == '-':
                length = 2;
                phoneme = Dash.ToString();
                boundary = PhonemeBreak.Comma;
                return true;
            case '-' or '\u2013':
                // A spaced hyphen or en dash is a dash; "well-known" and "1990–2000" are left for eSpeak.
                phoneme = Dash.ToString();
                boundary = PhonemeBreak.Comma;
                return (index == 0 || char.IsWhiteSpace(text[index - 1])) && (index + 1 == text.Length || char.IsWhiteSpace(text[index + 1]));
            case '(' or ')' or OpeningQuote or ClosingQuote:
                return true;
            case '"':
                phoneme = (index == 0 || char.IsWhiteSpace(text[index - 1]) || text[index - 1] is '(' or Dash ? OpeningQuote : ClosingQuote).ToString();
                return true;
            default:
                return false;
        }
    }

    private static bool EndsAbbreviation(string text, int stop)
    {
        var start = stop;
        while (start > 0 && (char.IsLetter(text[start - 1]) || text[start - 1] == '.'))
        {
            start--;
        }

        var word = text.AsSpan(start, stop - start);
        return word.Contains('.') || (word.Length > 0 && _abbreviations.Contains(word.ToString()));
    }

    private static bool LowerCaseFollows(string text, int stop)
    {
        var next = stop + 1;
        while (next < text.Length && char.IsWhiteSpace(text[next]))
        {
            next++;
        }

        return next > stop + 1 && next < text.Length && char.IsLower(text[next]);
    }

    private static bool EndsWord(char next) =>
        char.IsWhiteSpace(next) || next is '.' or ',' or ';' or ':' or '!' or '?' or Ellipsis or Dash or ')' or '"' or ClosingQuote or '\'' or '\u2019';
}
