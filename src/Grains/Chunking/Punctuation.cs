using System.Buffers;

namespace AutoScale.Grains.Chunking;

/// <summary>The character classes the chunker cuts by.</summary>
internal static class Punctuation
{
    /// <summary>Every character <see cref="char.IsWhiteSpace(char)"/> accepts, for vectorized searches.</summary>
    public static readonly SearchValues<char> Whitespace = SearchValues.Create(
        [.. Enumerable.Range(char.MinValue, char.MaxValue + 1).Select(c => (char)c).Where(char.IsWhiteSpace)]);

    /// <summary>Ends a sentence when whitespace (after optional closers) follows; runs such as <c>?!</c> count as one.</summary>
    public static bool IsSentenceTerminator(char c) =>
        c is '.' or '!' or '?' or '…' or '‼' or '⁇' or '⁈' or '⁉' or '‽' or '。' or '！' or '？';

    /// <summary>Closing quotes and brackets that stay with the sentence or clause they close.</summary>
    public static bool IsCloser(char c) =>
        c is '"' or '\'' or '”' or '’' or '»' or '›' or ')' or ']' or '}' or '」' or '』' or '）' or '》' or '】' or '〉';

    /// <summary>Opening quotes and brackets skipped to find the first letter of the next word.</summary>
    public static bool IsOpener(char c) =>
        c is '"' or '\'' or '“' or '‘' or '«' or '‹' or '(' or '[' or '{' or '¿' or '¡' or '「' or '『' or '（' or '《' or '【';

    /// <summary>Ends a clause when whitespace follows.</summary>
    public static bool IsClauseMark(char c) => c is ',' or ';' or ':' or '，' or '、' or '；' or '：';

    /// <summary>Ends a clause when whitespace surrounds it (<c>word — word</c>).</summary>
    public static bool IsDash(char c) => c is '—' or '–';

    /// <summary>A CJK sentence end, a preferred cut inside a run of CJK text without spaces.</summary>
    public static bool IsCjkSentenceMark(char c) => c is '。' or '！' or '？';

    /// <summary>A CJK clause end, the next best cut inside a run of CJK text without spaces.</summary>
    public static bool IsCjkClauseMark(char c) => c is '，' or '、' or '；' or '：';

    /// <summary>
    /// Index just past the whitespace starting at <paramref name="index"/>; <paramref name="paragraphBreak"/> tells
    /// whether it holds a blank line (two line breaks, a paragraph separator or a form feed).
    /// </summary>
    public static int SkipWhitespace(string text, int index, out bool paragraphBreak)
    {
        var lineBreaks = 0;
        while (index < text.Length && char.IsWhiteSpace(text[index]))
        {
            switch (text[index])
            {
                case '\n' or '\u0085' or '\u2028':
                    lineBreaks++;
                    break;
                case '\r' when index + 1 == text.Length || text[index + 1] != '\n':
                    lineBreaks++;
                    break;
                case '\u2029' or '\f':
                    lineBreaks += 2;
                    break;
            }

            index++;
        }

        paragraphBreak = lineBreaks >= 2;
        return index;
    }
}
