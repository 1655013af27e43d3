namespace AutoScale.Grains.Tests.Chunking;

/// <summary>How a sentence longer than Max is cut: at clauses first, then at whitespace.</summary>
public sealed class LongSentenceTests
{
    [Fact]
    public void ALongSentenceIsCutAtTheClauseBoundaryNearestTarget()
    {
        // The commas leave first pieces of 14 and 41 characters; 41 is nearer the target of 40.
        Assert.Equal(
            ["one two three, four five six seven eight,", "nine ten eleven twelve thirteen fourteen."],
            ChunkInvariants.SplitChecked("one two three, four five six seven eight, nine ten eleven twelve thirteen fourteen.", 40, 60));
    }

    [Theory]
    [InlineData("alpha beta,")]
    [InlineData("alpha beta;")]
    [InlineData("alpha beta:")]
    [InlineData("alpha beta —")]
    [InlineData("alpha beta –")]
    [InlineData("alpha (beta)")]
    [InlineData("alpha [beta]")]
    [InlineData("\"alpha beta,\"")]
    [InlineData("alpha beta，")]
    public void EachClauseMarkIsACut(string firstClause)
    {
        // Whitespace alone would be cut after "to", which is exactly at the target.
        const string Rest = "to the very end of it all";
        var text = $"{firstClause} {Rest}";

        Assert.Equal([firstClause, Rest], ChunkInvariants.SplitChecked(text, firstClause.Length + 3, text.Length - 1));
    }

    [Theory]
    [InlineData("alpha beta—gamma")]
    [InlineData("alpha beta-gamma")]
    [InlineData("alpha 1,000,000")]
    [InlineData("alpha (beta)gamma")]
    public void PunctuationWithoutWhitespaceAfterItIsNotAClauseBoundary(string firstWords)
    {
        // The punctuation sits at the target; the cut falls at the whitespace nearest to it instead.
        var text = $"{firstWords} delta epsilon zeta";
        var target = firstWords.IndexOfAny([',', '—', '-', ')']) + 1;
        var chunks = ChunkInvariants.SplitChecked(text, target, text.Length - 1);

        Assert.Contains(chunks, c => c.Contains(firstWords[6..], StringComparison.Ordinal));
    }

    [Fact]
    public void AClauseBoundaryThatWouldLeaveAPieceOverMaxIsNotUsed()
    {
        // The comma's piece would be 32 characters; the whitespace nearest the target of 10 is after "ccc".
        var chunks = ChunkInvariants.SplitChecked("aaa bbb ccc ddd eee fff ggg hhh, iii jjj.", 10, 20);

        Assert.Equal("aaa bbb ccc", chunks[0]);
    }

    [Fact]
    public void TheRestOfACutSentenceIsPackedWithTheNextSentence()
    {
        Assert.Equal(
            ["one two three, four five six seven eight,", "nine. Ten."],
            ChunkInvariants.SplitChecked("one two three, four five six seven eight, nine. Ten.", 40, 45));
    }

    [Fact]
    public void ASentenceIsCutAgainUntilEveryPieceFits()
    {
        var text = string.Join(", ", Enumerable.Range(1, 30).Select(i => $"clause number {i}")) + ".";

        var chunks = ChunkInvariants.SplitChecked(text, 20, 30);

        Assert.True(chunks.Length > 10);
        Assert.All(chunks[..^1], c => Assert.EndsWith(",", c, StringComparison.Ordinal));
    }

    [Fact]
    public void TextWithoutPunctuationIsCutAtWhitespaceNearTarget()
    {
        var random = new Random(7);
        var words = Enumerable.Range(0, 300).Select(_ => new string('w', random.Next(1, 8))).ToArray();
        var text = string.Join(' ', words);

        var chunks = ChunkInvariants.SplitChecked(text, 30, 45);

        // A word end lies within 4 characters of any position, so the nearest one is well within a word's length.
        Assert.True(chunks.Length > 20);
        Assert.All(chunks[..^1], c => Assert.InRange(c.Length, 30 - 7, 30 + 7));
    }
}
