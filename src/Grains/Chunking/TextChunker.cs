namespace AutoScale.Grains.Chunking;

/// <summary>Cuts a text into chunks that are synthesized separately and concatenated.</summary>
public static class TextChunker
{
    /// <summary>Cuts <paramref name="text"/> into chunks at the most natural boundaries that <paramref name="rules"/> allow.</summary>
    /// <remarks>
    /// <para>
    /// The chunks are in order, never overlap, never start or end with whitespace and together hold every other
    /// character of the text exactly once: only whitespace between chunks is dropped. A text that is empty or all
    /// whitespace gives no chunks. No chunk is longer than <see cref="ChunkingRules.MaxCharacters"/>.
    /// </para>
    /// <para>
    /// Packing is greedy by sentence: the next sentence joins the current chunk while the chunk stays within
    /// <see cref="ChunkingRules.TargetCharacters"/>; otherwise it starts a new chunk. So a chunk is longer than Target
    /// only when it is a single sentence longer than Target (and at most Max). Sentences end at <c>. ! ? …</c> and
    /// runs of them (<c>?!</c>, <c>...</c>), and at <c>。！？</c>, followed by optional closing quotes or brackets and then
    /// whitespace or the end of the text; a blank line ends one too. These do not end a sentence: a period after an
    /// abbreviation (Dr., e.g., U.S., …), after a single capital initial (J. R. R. Tolkien) or after a dotted
    /// abbreviation (Ph.D.); a period inside a number or version (3.14, v1.2.3, as no whitespace follows); an ellipsis
    /// before a lowercase word; and any terminator followed by a closing quote or bracket and then a lowercase word
    /// (<c>"Is it done?" she asked</c>). Abbreviations that often end a sentence (etc., Inc., Ltd., Co., Jr., Sr.,
    /// a.m., p.m., No.) end it only when the next word starts with a capital letter; the others never do.
    /// </para>
    /// <para>
    /// A sentence longer than Max is cut at the clause boundary (whitespace after <c>, ; :</c> or a closing bracket,
    /// or around a spaced <c>—</c> or <c>–</c>) that leaves a first piece within Max and nearest to Target; without
    /// one, at the whitespace that does so; and again on the rest until it fits. The last piece is packed with the
    /// following sentences like a sentence. Text without punctuation is a single sentence, so once it is longer
    /// than Max it is cut at whitespace near Target.
    /// </para>
    /// <para>
    /// The only boundaries inside a word (a run without whitespace) are in a word that is longer than Max on its own,
    /// such as a long URL or CJK text without spaces. It is cut after the CJK sentence mark <c>。！？</c> nearest to
    /// Target, else after the CJK clause mark <c>，、；：</c> nearest to Target, else at the last grapheme-cluster
    /// boundary within Max, so a surrogate pair or a cluster (an accented letter, an emoji sequence) stays whole.
    /// Only a single cluster longer than Max is cut inside, between code points (and, when Max is 1, even inside a
    /// surrogate pair), because Max always wins.
    /// </para>
    /// <para>The cost is linear in the length of the text; no substring is built.</para>
    /// </remarks>
    public static IReadOnlyList<TextChunk> Split(string text, ChunkingRules rules)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(rules);

        var chunks = new List<TextChunk>();
        int openStart = -1, openEnd = -1;
        var sentences = new SentenceSegmenter(text);
        while (sentences.TryNext(out var start, out var end))
        {
            if (openStart >= 0 && end - openStart <= rules.TargetCharacters)
            {
                openEnd = end;
                continue;
            }

            if (openStart >= 0)
            {
                chunks.Add(new TextChunk(openStart, openEnd - openStart));
            }

            if (end - start > rules.MaxCharacters)
            {
                start = LongSentenceSplitter.AddLeadingPieces(text, start, end, rules, chunks);
            }

            (openStart, openEnd) = (start, end);
        }

        if (openStart >= 0)
        {
            chunks.Add(new TextChunk(openStart, openEnd - openStart));
        }

        return chunks;
    }
}
