using System.Text;

namespace AutoScale.Engines.Kokoro.Phonemes;

/// <summary>
/// A stretch of the input: either words spoken through eSpeak NG, or one punctuation mark kept as its own phoneme.
/// </summary>
/// <param name="Text">The source text (trimmed).</param>
/// <param name="Phonemes">The phonemes, without surrounding spaces; for punctuation, the mark in Kokoro's spelling (straight quotes made curly, a spaced hyphen a dash).</param>
/// <param name="IsPunctuation">Whether the piece is a punctuation mark rather than words.</param>
/// <param name="Break">For punctuation, the boundary it ends; a closing quote or bracket right after a mark carries that mark's boundary.</param>
/// <param name="SpaceBefore">Whether whitespace separated it from the previous piece in the source.</param>
public sealed record PhonemePiece(string Text, string Phonemes, bool IsPunctuation, PhonemeBreak Break, bool SpaceBefore)
{
    /// <summary>Whether it is an opening bracket or quote, which belongs with the words after it.</summary>
    public bool IsOpening => IsPunctuation && Phonemes is "(" or "\u201C";

    /// <summary>The pieces' phonemes, with one space wherever the source had whitespace between them.</summary>
    public static string JoinPhonemes(IEnumerable<PhonemePiece> pieces) => Join(pieces, piece => piece.Phonemes);

    /// <summary>The pieces' text, with one space wherever the source had whitespace between them.</summary>
    public static string JoinText(IEnumerable<PhonemePiece> pieces) => Join(pieces, piece => piece.Text);

    private static string Join(IEnumerable<PhonemePiece> pieces, Func<PhonemePiece, string> select)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        var builder = new StringBuilder();
        foreach (var piece in pieces)
        {
            var value = select(piece);
            if (value.Length == 0)
            {
                continue;
            }

            if (builder.Length > 0 && piece.SpaceBefore)
            {
                builder.Append(' ');
            }

            builder.Append(value);
        }

        return builder.ToString();
    }
}
