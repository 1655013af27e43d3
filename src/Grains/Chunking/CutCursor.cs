namespace AutoScale.Grains.Chunking;

/// <summary>
/// Walks one kind of cut position (clause ends or word ends) forwards through a text, examining each position at
/// most once however much the windows asked about overlap, which keeps cutting a long sentence linear.
/// </summary>
/// <remarks>A mutable struct: pass it by reference.</remarks>
internal struct CutCursor(string text, bool clauseEnds)
{
    private readonly string _text = text;
    private readonly bool _clauseEnds = clauseEnds;
    private int _scanned;
    private int _found = -1;

    /// <summary>The first cut in [<paramref name="from"/>, <paramref name="to"/>], or -1. <paramref name="from"/> must never decrease.</summary>
    public int Next(int from, int to)
    {
        if (_found >= from)
        {
            return _found <= to ? _found : -1;
        }

        for (var position = Math.Max(from, _scanned); position <= to; position++)
        {
            if (_clauseEnds ? IsClauseEnd(_text, position) : IsWordEnd(_text, position))
            {
                _scanned = position + 1;
                _found = position;
                return position;
            }
        }

        _scanned = Math.Max(_scanned, to + 1);
        return -1;
    }

    /// <summary>Whitespace at <paramref name="position"/> right after a word.</summary>
    public static bool IsWordEnd(string text, int position) =>
        char.IsWhiteSpace(text[position]) && !char.IsWhiteSpace(text[position - 1]);

    /// <summary>
    /// Whitespace at <paramref name="position"/> right after <c>, ; :</c> (with any closing quotes) or a closing
    /// bracket, or after a dash with whitespace before it too.
    /// </summary>
    public static bool IsClauseEnd(string text, int position)
    {
        if (!char.IsWhiteSpace(text[position]))
        {
            return false;
        }

        var before = text[position - 1];
        if (Punctuation.IsClauseMark(before) || before is ')' or ']' or '）')
        {
            return true;
        }

        if (Punctuation.IsDash(before))
        {
            return position >= 2 && char.IsWhiteSpace(text[position - 2]);
        }

        // "Well," she said: the quote closes the clause along with the comma. A few closers at most are looked at.
        var mark = position - 1;
        while (mark > 0 && mark > position - 4 && Punctuation.IsCloser(text[mark]))
        {
            mark--;
        }

        return mark < position - 1 && Punctuation.IsClauseMark(text[mark]);
    }
}
