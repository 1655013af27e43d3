namespace AutoScale.Grains.Tests.Chunking;

/// <summary>How a sentence longer than Max is cut: at clauses first, then at whitespace.</summary>
public sealed class LongSentenceTests
{
    [Fact]
    public void A_long_sentence_is_cut_at_the_clause_boundary_nearest_target()
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
    public void Each_clause_mark_is_a_cut(string firstClause)
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
    public void Punctuation_without_whitespace_after_it_is_not_a_clause_boundary(string firstWords)
    {
        // The punctuation sits at the target; the cut falls at the whitespace nearest to it instead.
        var text = $"{firstWords} delta epsilon zeta";
        var target = firstWords.IndexOfAny([',', '—', '-', ')']) + 1;
        var chunks = ChunkInvariants.SplitChecked(text, target, text.Length - 1);

        Assert.Contains(chunks, c => c.Contains(firstWords[6..], StringComparison.Ordinal));
    }

    [Fact]
    public void A_clause_boundary_that_would_leave_a_piece_over_max_is_not_used()
    {
        // The comma's piece would be 32 characters; the whitespace nearest the target of 10 is after "ccc".
        var chunks = ChunkInvariants.SplitChecked("aaa bbb ccc ddd eee fff ggg hhh, iii jjj.", 10, 20);

        Assert.Equal("aaa bbb ccc", chunks[0]);
    }

    [Fact]
    public void The_rest_of_a_cut_sentence_is_packed_with_the_next_sentence()
    {
        Assert.Equal(
            ["one two three, four five six seven eight,", "nine. Ten."],
            ChunkInvariants.SplitChecked("one two three, four five six seven eight, nine. Ten.", 40, 45));
    }

    [Fact]
    public void A_sentence_is_cut_again_until_every_piece_fits()
    {
        var text = string.Join(", ", Enumerable.Range(1, 30).Select(i => $"clause number {i}")) + ".";

        var chunks = ChunkInvariants.SplitChecked(text, 20, 30);

        Assert.True(chunks.Length > 10);
        Assert.All(chunks[..^1], c => Assert.EndsWith(",", c, StringComparison.Ordinal));
    }

    [Fact]
    public void Text_without_punctuation_is_cut_at_whitespace_near_target()
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
