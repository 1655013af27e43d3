using System.Globalization;

namespace AutoScale.Grains.Chunking;

/// <summary>Cuts a sentence longer than the maximum into pieces that fit, preferring the most natural cut.</summary>
internal static class LongSentenceSplitter
{
    /// <summary>
    /// Adds to <paramref name="chunks"/> every piece of the sentence [<paramref name="start"/>, <paramref name="end"/>)
    /// but the last, and returns where the last piece (at most <see cref="ChunkingRules.MaxCharacters"/> long) starts,
    /// so the caller can pack the following sentences after it.
    /// </summary>
    public static int AddLeadingPieces(string text, int start, int end, ChunkingRules rules, List<TextChunk> chunks)
    {
        var clauseEnds = new CutCursor(text, clauseEnds: true);
        var wordEnds = new CutCursor(text, clauseEnds: false);
        while (end - start > rules.MaxCharacters)
        {
            var cut = FindNearestTarget(ref clauseEnds, start, rules);
            if (cut < 0)
            {
                cut = FindNearestTarget(ref wordEnds, start, rules);
            }

            if (cut < 0)
            {
                // No whitespace within Max of the start: the word starting there is longer than Max on its own.
                cut = FindCutInsideWord(text, start, rules);
            }

            chunks.Add(new TextChunk(start, cut - start));
            start = Punctuation.SkipWhitespace(text, cut, out _);
        }

        return start;
    }

    /// <summary>
    /// The cut from <paramref name="cuts"/> that makes the piece [<paramref name="start"/>, cut) within Max and nearest
    /// to Target (the shorter piece on a tie), or -1.
    /// </summary>
    private static int FindNearestTarget(ref CutCursor cuts, int start, ChunkingRules rules)
    {
        var target = start + rules.TargetCharacters;
        var highest = start + rules.MaxCharacters;
        var shorter = -1;
        var cut = cuts.Next(start + 1, highest);
        while (cut >= 0 && cut <= target)
        {
            shorter = cut;
            cut = cuts.Next(cut + 1, highest);
        }

        return cut >= 0 && (shorter < 0 || cut - target < target - shorter) ? cut : shorter;
    }

    /// <summary>
    /// A cut inside the word at <paramref name="start"/>, which is longer than Max: after the CJK sentence mark nearest
    /// Target, else after the CJK clause mark nearest Target, else at the last grapheme-cluster boundary within Max.
    /// </summary>
    private static int FindCutInsideWord(string text, int start, ChunkingRules rules)
    {
        var target = start + rules.TargetCharacters;
        var highest = start + rules.MaxCharacters;

        // The word runs past highest, so text[highest] exists. Whether a cluster ends at highest depends on the code
        // point there, so the window holds all of it; clusters ending beyond it are never read to their end.
        var windowEnd = highest + 1 < text.Length && char.IsHighSurrogate(text[highest]) ? highest + 2 : highest + 1;
        var window = text.AsSpan(start, windowEnd - start);
        int afterSentence = -1, afterClause = -1, lastBoundary = -1;
        for (var offset = 0; offset < window.Length;)
        {
            offset += offset + 1 < window.Length && IsPlain(window[offset]) && IsPlain(window[offset + 1])
                ? 1
                : StringInfo.GetNextTextElementLength(window[offset..]);
            var boundary = start + offset;
            if (boundary > highest || (afterSentence > 0 && boundary - target > Math.Abs(afterSentence - target)))
            {
                // Past Max, or every later sentence mark would be farther from Target than the one found.
                break;
            }

            lastBoundary = boundary;
            if (Punctuation.IsCloser(text[boundary]))
            {
                // Keep a closing bracket with the sentence it closes: 「好。」 is cut after 」.
                continue;
            }

            var mark = boundary - 1;
            while (mark > start && mark > boundary - 4 && Punctuation.IsCloser(text[mark]))
            {
                mark--;
            }

            if (Punctuation.IsCjkSentenceMark(text[mark]))
            {
                afterSentence = Nearer(afterSentence, boundary, target);
            }
            else if (Punctuation.IsCjkClauseMark(text[mark]))
            {
                afterClause = Nearer(afterClause, boundary, target);
            }
        }

        if (afterSentence > 0)
        {
            return afterSentence;
        }

        if (afterClause > 0)
        {
            return afterClause;
        }

        if (lastBoundary > 0)
        {
            return lastBoundary;
        }

        // A single grapheme cluster longer than Max (say, a letter under hundreds of combining marks): Max still wins,
        // but a surrogate pair is kept whole unless Max is 1.
        return highest - 1 > start && char.IsLowSurrogate(text[highest]) && char.IsHighSurrogate(text[highest - 1])
            ? highest - 1
            : highest;
    }

    /// <summary>
    /// A character that never joins a grapheme cluster with its neighbour (no mark, joiner, surrogate, Hangul jamo or
    /// line break), so two in a row always have a cluster boundary between them. It saves the full cluster rules for
    /// the common Latin and CJK text.
    /// </summary>
    private static bool IsPlain(char c) =>
        c is (>= ' ' and <= '~') or (>= '\u00A0' and <= '\u02FF') or (>= '\u3000' and <= '\u3029')
            or (>= '\u3041' and <= '\u3096') or (>= '\u30A1' and <= '\u30FA') or (>= '\u4E00' and <= '\u9FFF')
            or (>= '\uFF01' and <= '\uFF5E');

    private static int Nearer(int best, int candidate, int target) =>
        best < 0 || Math.Abs(candidate - target) < Math.Abs(best - target) ? candidate : best;
}
