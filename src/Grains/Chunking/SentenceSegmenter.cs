namespace AutoScale.Grains.Chunking;

/// <summary>
/// Walks a text sentence by sentence in one forward pass. Sentences are returned trimmed; the whitespace between them
/// is the only thing skipped.
/// </summary>
internal ref struct SentenceSegmenter(string text)
{
    private readonly string _text = text;
    private int _position;

    /// <summary>The next sentence as the range [<paramref name="start"/>, <paramref name="end"/>), or false at the end.</summary>
    public bool TryNext(out int start, out int end)
    {
        var text = _text;
        var i = Punctuation.SkipWhitespace(text, _position, out _);
        if (i >= text.Length)
        {
            _position = text.Length;
            start = end = text.Length;
            return false;
        }

        start = i;
        while (true)
        {
            var c = text[i];
            if (Punctuation.IsSentenceTerminator(c))
            {
                var runStart = i;
                do
                {
                    i++;
                }
                while (i < text.Length && Punctuation.IsSentenceTerminator(text[i]));

                var runEnd = i;
                while (i < text.Length && Punctuation.IsCloser(text[i]))
                {
                    i++;
                }

                if (i == text.Length)
                {
                    return Finish(i, out end);
                }

                if (char.IsWhiteSpace(text[i]))
                {
                    var next = Punctuation.SkipWhitespace(text, i, out var paragraphBreak);
                    if (next == text.Length || paragraphBreak || EndsSentence(runStart, runEnd, i, next))
                    {
                        end = i;
                        _position = next;
                        return true;
                    }

                    i = next;
                }

                // Otherwise no whitespace follows (3.14, v1.2.3, a.b): the sentence goes on.
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                var whitespaceStart = i;
                var next = Punctuation.SkipWhitespace(text, i, out var paragraphBreak);
                if (next == text.Length || paragraphBreak)
                {
                    end = whitespaceStart;
                    _position = next;
                    return true;
                }

                i = next;
                continue;
            }

            i++;
            if (i == text.Length)
            {
                return Finish(i, out end);
            }
        }
    }

    private bool Finish(int textEnd, out int end)
    {
        end = textEnd;
        _position = textEnd;
        return true;
    }

    /// <summary>
    /// Whether the terminators [<paramref name="runStart"/>, <paramref name="runEnd"/>), closers up to
    /// <paramref name="closersEnd"/> and the whitespace before <paramref name="next"/> end the sentence.
    /// </summary>
    private readonly bool EndsSentence(int runStart, int runEnd, int closersEnd, int next)
    {
        var nextLetter = FirstCharacterOfWord(next);

        // A dialogue tag: "Is it done?" she asked.
        if (closersEnd > runEnd && char.IsLower(nextLetter))
        {
            return false;
        }

        if (IsEllipsis(runStart, runEnd))
        {
            return !char.IsLower(nextLetter);
        }

        if (runEnd - runStart == 1 && _text[runStart] == '.')
        {
            return !IsAbbreviation(runStart, nextLetter);
        }

        return true;
    }

    private readonly bool IsEllipsis(int runStart, int runEnd)
    {
        var run = _text.AsSpan(runStart, runEnd - runStart);
        return !run.ContainsAnyExcept('.', '…') && (run.Length > 1 || run[0] == '…');
    }

    /// <summary>Whether the period at <paramref name="period"/> closes an abbreviation or an initial.</summary>
    private readonly bool IsAbbreviation(int period, char nextLetter)
    {
        var tokenStart = period;
        while (tokenStart > 0 && period - tokenStart <= Abbreviations.MaxLength
            && (char.IsLetter(_text[tokenStart - 1]) || _text[tokenStart - 1] == '.'))
        {
            tokenStart--;
        }

        var token = _text.AsSpan(tokenStart, period - tokenStart);
        if (token.IsEmpty || period - tokenStart > Abbreviations.MaxLength)
        {
            return false;
        }

        if (Abbreviations.TryGetKind(token, out var kind))
        {
            return kind == AbbreviationKind.NeverEndsSentence || !char.IsUpper(nextLetter);
        }

        // J. R. R. Tolkien
        if (token.Length == 1)
        {
            return char.IsUpper(token[0]);
        }

        return IsDottedAbbreviation(token);
    }

    /// <summary>Letters in groups of one or two split by periods: U.S.A, Ph.D, e.g.</summary>
    private static bool IsDottedAbbreviation(ReadOnlySpan<char> token)
    {
        var groups = 0;
        foreach (var range in token.Split('.'))
        {
            var length = range.End.GetOffset(token.Length) - range.Start.GetOffset(token.Length);
            if (length is < 1 or > 2)
            {
                return false;
            }

            groups++;
        }

        return groups > 1;
    }

    /// <summary>The first character of the word at <paramref name="index"/> after any opening quotes or brackets.</summary>
    private readonly char FirstCharacterOfWord(int index)
    {
        while (index < _text.Length && Punctuation.IsOpener(_text[index]))
        {
            index++;
        }

        return index < _text.Length ? _text[index] : '\0';
    }
}
