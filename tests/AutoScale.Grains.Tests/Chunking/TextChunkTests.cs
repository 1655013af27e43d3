using AutoScale.Grains.Chunking;

namespace AutoScale.Grains.Tests.Chunking;

public sealed class TextChunkTests
{
    [Fact]
    public void A_chunk_is_a_range_of_the_original_text()
    {
        const string Text = "Hello there. General Kenobi.";
        var chunk = new TextChunk(13, 15);

        Assert.Equal(28, chunk.End);
        Assert.Equal("General Kenobi.", chunk.Slice(Text));
        Assert.Equal("General Kenobi.", chunk.AsSpan(Text).ToString());
    }
}
