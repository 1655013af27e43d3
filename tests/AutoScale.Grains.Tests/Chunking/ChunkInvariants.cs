using System.Globalization;
using AutoScale.Grains.Chunking;

namespace AutoScale.Grains.Tests.Chunking;

/// <summary>Runs the chunker and checks what must hold for any text and rules.</summary>
internal static class ChunkInvariants
{
    /// <summary>Splits <paramref name="text"/>, asserts every invariant and returns the chunks' texts.</summary>
    public static string[] SplitChecked(string text, int target, int max)
    {
        var rules = new ChunkingRules(target, max);
        var chunks = TextChunker.Split(text, rules);
        AssertHold(text, rules, chunks);
        return [.. chunks.Select(c => c.Slice(text))];
    }

    /// <summary>
    /// Chunks are ordered, non-empty, within Max, trimmed, and only whitespace lies outside them; a boundary inside a
    /// word only occurs in a word longer than Max, and then never inside a grapheme cluster (unless that cluster alone
    /// is longer than Max) nor, with Max of 2 or more, inside a surrogate pair.
    /// </summary>
    public static void AssertHold(string text, ChunkingRules rules, IReadOnlyList<TextChunk> chunks)
    {
        // Messages are built only on failure: a million-character text has a million checks.
        Clusters? clusters = null;
        var position = 0;
        for (var i = 0; i < chunks.Count; i++)
        {
            var chunk = chunks[i];
            Check(chunk.Length >= 1, "is empty");
            Check(chunk.Length <= rules.MaxCharacters, "is longer than Max");
            Check(chunk.Start >= position, "is out of order or overlaps the one before");
            Check(chunk.End <= text.Length, "runs past the end of the text");
            AssertWhitespace(text, position, chunk.Start);
            Check(!char.IsWhiteSpace(text[chunk.Start]), "starts with whitespace");
            Check(!char.IsWhiteSpace(text[chunk.End - 1]), "ends with whitespace");
            if (i > 0 && chunk.Start == position)
            {
                clusters ??= new Clusters(text);
                var cut = chunk.Start;
                var (wordStart, wordEnd) = clusters.WordAt(cut);
                Check(wordEnd - wordStart > rules.MaxCharacters, $"starts inside the word at {wordStart}, which fits in Max");
                Check(
                    rules.MaxCharacters < 2 || !(char.IsHighSurrogate(text[cut - 1]) && char.IsLowSurrogate(text[cut])),
                    "starts inside a surrogate pair");
                var (clusterStart, clusterEnd) = clusters.ClusterAt(cut);
                Check(
                    clusterStart == cut || clusterEnd - clusterStart > rules.MaxCharacters,
                    $"starts inside the grapheme cluster [{clusterStart}, {clusterEnd})");
            }

            position = chunk.End;

            void Check(bool condition, string problem)
            {
                if (!condition)
                {
                    Assert.Fail(
                        $"Chunk {i} [{chunk.Start}, {chunk.End}) {problem} (target {rules.TargetCharacters}, max " +
                        $"{rules.MaxCharacters}): \"{text.Substring(chunk.Start, Math.Min(chunk.Length, 200))}\".");
                }
            }
        }

        AssertWhitespace(text, position, text.Length);
    }

    private static void AssertWhitespace(string text, int from, int to)
    {
        var dropped = text.AsSpan(from, to - from).IndexOfAnyExcept(Punctuation.Whitespace);
        if (dropped >= 0)
        {
            Assert.Fail($"The non-whitespace U+{(int)text[from + dropped]:X4} at {from + dropped} is in no chunk.");
        }
    }

    /// <summary>Word and grapheme-cluster extents of every position, computed once in a linear pass.</summary>
    private sealed class Clusters
    {
        private readonly int[] _wordStart;
        private readonly int[] _wordEnd;
        private readonly int[] _clusterStart;
        private readonly int[] _clusterEnd;

        public Clusters(string text)
        {
            _wordStart = new int[text.Length];
            _wordEnd = new int[text.Length];
            _clusterStart = new int[text.Length];
            _clusterEnd = new int[text.Length];
            var i = 0;
            while (i < text.Length)
            {
                if (char.IsWhiteSpace(text[i]))
                {
                    i++;
                    continue;
                }

                var start = i;
                var end = text.AsSpan(start).IndexOfAny(Punctuation.Whitespace) is var length and >= 0 ? start + length : text.Length;
                for (var cluster = start; cluster < end;)
                {
                    var next = cluster + StringInfo.GetNextTextElementLength(text.AsSpan(cluster, end - cluster));
                    for (var j = cluster; j < next; j++)
                    {
                        (_wordStart[j], _wordEnd[j], _clusterStart[j], _clusterEnd[j]) = (start, end, cluster, next);
                    }

                    cluster = next;
                }

                i = end;
            }
        }

        public (int Start, int End) WordAt(int position) => (_wordStart[position], _wordEnd[position]);

        public (int Start, int End) ClusterAt(int position) => (_clusterStart[position], _clusterEnd[position]);
    }
}
