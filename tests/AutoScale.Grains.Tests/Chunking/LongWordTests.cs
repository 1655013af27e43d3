namespace AutoScale.Grains.Tests.Chunking;

/// <summary>Words longer than Max, the only place a cut may fall inside a word.</summary>
public sealed class LongWordTests
{
    [Fact]
    public void AWordLongerThanMaxIsCutAtMax()
    {
        Assert.Equal([10, 10, 5], ChunkInvariants.SplitChecked(new string('x', 25), 4, 10).Select(c => c.Length));
    }

    [Fact]
    public void OnlyTheWordLongerThanMaxIsCutInside()
    {
        // The rest of the cut URL is packed with the words after it, like the rest of any cut sentence.
        Assert.Equal(
            ["Read the", "page at", "https://example.com/", "a/rather/long/path/t", "o/some/page?query=1.", "2 when you", "have time."],
            ChunkInvariants.SplitChecked("Read the page at https://example.com/a/rather/long/path/to/some/page?query=1.2 when you have time.", 10, 20));
    }

    [Fact]
    public void SurrogatePairsAreNeverSplit()
    {
        var chunks = ChunkInvariants.SplitChecked(string.Concat(Enumerable.Repeat("😀", 15)), 3, 5);

        Assert.Equal([4, 4, 4, 4, 4, 4, 4, 2], chunks.Select(c => c.Length));
    }

    [Theory]
    [InlineData("e\u0301")]
    [InlineData("👨‍👩‍👧")]
    [InlineData("🇫🇷")]
    [InlineData("👍🏽")]
    public void GraphemeClustersAreNeverSplit(string cluster)
    {
        var text = string.Concat(Enumerable.Repeat(cluster, 10));

        var chunks = ChunkInvariants.SplitChecked(text, 1, (2 * cluster.Length) + 1);

        Assert.Equal(Enumerable.Repeat(cluster + cluster, 5), chunks);
    }

    [Fact]
    public void AClusterLongerThanMaxIsCutBetweenCodePoints()
    {
        // A thumb under ten skin-tone modifiers is one 22-character cluster; each modifier is a surrogate pair.
        var text = "👍" + string.Concat(Enumerable.Repeat("🏽", 10)) + " e" + new string('\u0301', 12);

        var chunks = ChunkInvariants.SplitChecked(text, 2, 5);

        Assert.Equal([4, 4, 4, 4, 4, 2, 5, 5, 3], chunks.Select(c => c.Length));
    }

    [Fact]
    public void WithMaxOfOneEvenASurrogatePairIsCut()
    {
        Assert.Equal([1, 1], ChunkInvariants.SplitChecked("😀", 1, 1).Select(c => c.Length));
    }

    [Fact]
    public void CjkTextIsCutAfterItsSentenceMarks()
    {
        Assert.Equal(
            ["今天天气很好。", "我们去公园散步吧！", "你想一起去吗？好的。"],
            ChunkInvariants.SplitChecked("今天天气很好。我们去公园散步吧！你想一起去吗？好的。", 8, 12));
    }

    [Fact]
    public void CjkTextWithoutSentenceMarksIsCutAfterItsClauseMarks()
    {
        Assert.Equal(
            ["我们去公园，", "然后去商店、", "再回家；最后睡觉"],
            ChunkInvariants.SplitChecked("我们去公园，然后去商店、再回家；最后睡觉", 6, 10));
    }

    [Fact]
    public void CjkSentenceMarksArePreferredOverClauseMarks()
    {
        Assert.Equal(
            ["好的，我们走吧。", "然后呢，再说。"],
            ChunkInvariants.SplitChecked("好的，我们走吧。然后呢，再说。", 3, 10));
    }

    [Fact]
    public void ACjkClosingBracketStaysWithItsSentence()
    {
        Assert.Equal(
            ["「你好。」", "他说。", "「再见。」她说。"],
            ChunkInvariants.SplitChecked("「你好。」他说。「再见。」她说。", 5, 9));
    }
}
