namespace AutoScale.Grains.Tests.Chunking;

/// <summary>Words longer than Max, the only place a cut may fall inside a word.</summary>
public sealed class LongWordTests
{
    [Fact]
    public void A_word_longer_than_max_is_cut_at_max()
    {
        Assert.Equal([10, 10, 5], ChunkInvariants.SplitChecked(new string('x', 25), 4, 10).Select(c => c.Length));
    }

    [Fact]
    public void Only_the_word_longer_than_max_is_cut_inside()
    {
        // The rest of the cut URL is packed with the words after it, like the rest of any cut sentence.
        Assert.Equal(
            ["Read the", "page at", "https://example.com/", "a/rather/long/path/t", "o/some/page?query=1.", "2 when you", "have time."],
            ChunkInvariants.SplitChecked("Read the page at https://example.com/a/rather/long/path/to/some/page?query=1.2 when you have time.", 10, 20));
    }

    [Fact]
    public void Surrogate_pairs_are_never_split()
    {
        var chunks = ChunkInvariants.SplitChecked(string.Concat(Enumerable.Repeat("😀", 15)), 3, 5);

        Assert.Equal([4, 4, 4, 4, 4, 4, 4, 2], chunks.Select(c => c.Length));
    }

    [Theory]
    [InlineData("e\u0301")]
    [InlineData("👨‍👩‍👧")]
    [InlineData("🇫🇷")]
    [InlineData("👍🏽")]
    public void Grapheme_clusters_are_never_split(string cluster)
    {
        var text = string.Concat(Enumerable.Repeat(cluster, 10));

        var chunks = ChunkInvariants.SplitChecked(text, 1, (2 * cluster.Length) + 1);

        Assert.Equal(Enumerable.Repeat(cluster + cluster, 5), chunks);
    }

    [Fact]
    public void A_cluster_longer_than_max_is_cut_between_code_points()
    {
        // A thumb under ten skin-tone modifiers is one 22-character cluster; each modifier is a surrogate pair.
        var text = "👍" + string.Concat(Enumerable.Repeat("🏽", 10)) + " e" + new string('\u0301', 12);

        var chunks = ChunkInvariants.SplitChecked(text, 2, 5);

        Assert.Equal([4, 4, 4, 4, 4, 2, 5, 5, 3], chunks.Select(c => c.Length));
    }

    [Fact]
    public void With_max_of_one_even_a_surrogate_pair_is_cut()
    {
        Assert.Equal([1, 1], ChunkInvariants.SplitChecked("😀", 1, 1).Select(c => c.Length));
    }

    [Fact]
    public void Cjk_text_is_cut_after_its_sentence_marks()
    {
        Assert.Equal(
            ["今天天气很好。", "我们去公园散步吧！", "你想一起去吗？好的。"],
            ChunkInvariants.SplitChecked("今天天气很好。我们去公园散步吧！你想一起去吗？好的。", 8, 12));
    }

    [Fact]
    public void Cjk_text_without_sentence_marks_is_cut_after_its_clause_marks()
    {
        Assert.Equal(
            ["我们去公园，", "然后去商店、", "再回家；最后睡觉"],
            ChunkInvariants.SplitChecked("我们去公园，然后去商店、再回家；最后睡觉", 6, 10));
    }

    [Fact]
    public void Cjk_sentence_marks_are_preferred_over_clause_marks()
    {
        Assert.Equal(
            ["好的，我们走吧。", "然后呢，再说。"],
            ChunkInvariants.SplitChecked("好的，我们走吧。然后呢，再说。", 3, 10));
    }

    [Fact]
    public void A_cjk_closing_bracket_stays_with_its_sentence()
    {
        Assert.Equal(
            ["「你好。」", "他说。", "「再见。」她说。"],
            ChunkInvariants.SplitChecked("「你好。」他说。「再见。」她说。", 5, 9));
    }
}
