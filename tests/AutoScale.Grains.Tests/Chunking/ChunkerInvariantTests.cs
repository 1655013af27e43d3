using System.Text;
using AutoScale.Grains.Chunking;

namespace AutoScale.Grains.Tests.Chunking;

public sealed class ChunkerInvariantTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Random_texts_keep_every_invariant(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 500; i++)
        {
            var text = RandomText.Generate(random, random.Next(0, 600));
            var target = random.Next(1, 60);
            var rules = new ChunkingRules(target, target + random.Next(0, (2 * target) + 2));

            ChunkInvariants.AssertHold(text, rules, TextChunker.Split(text, rules));
        }
    }

    [Theory]
    [InlineData("prose", 400, 1_000)]
    [InlineData("prose", 250, 400)]
    [InlineData("prose", 3, 7)]
    [InlineData("cjk", 250, 400)]
    [InlineData("unpunctuated", 250, 400)]
    [InlineData("one word", 250, 400)]
    public void A_million_character_text_is_chunked_with_every_invariant_intact(string kind, int target, int max)
    {
        const int Length = 1_000_000;
        var random = new Random(42);
        var text = kind switch
        {
            "prose" => RandomText.Generate(random, Length),
            "cjk" => Repeat("今天天气很好，我们去公园散步吧。", Length),
            "unpunctuated" => Repeat("lorem ipsum dolor sit amet consectetur ", Length),
            _ => Repeat("abcdefghij", Length),
        };
        var rules = new ChunkingRules(target, max);

        var chunks = TextChunker.Split(text, rules);

        ChunkInvariants.AssertHold(text, rules, chunks);
        Assert.True(chunks.Count >= Length / max);
    }

    private static string Repeat(string unit, int length)
    {
        var builder = new StringBuilder(length + unit.Length);
        while (builder.Length < length)
        {
            builder.Append(unit);
        }

        return builder.ToString();
    }
}
