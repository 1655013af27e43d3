using AutoScale.Grains.Chunking;

namespace AutoScale.Grains.Tests.Chunking;

public sealed class TextChunkTests
{
    [Fact]
    public void AChunkIsARangeOfTheOriginalText()
    {
        const string Text = "Hello there. General Kenobi.";
        var chunk = new TextChunk(13, 15);

        Assert.Equal(28, chunk.End);
        Assert.Equal("General Kenobi.", chunk.Slice(Text));
        Assert.Equal("General Kenobi.", chunk.AsSpan(Text).ToString());
    }
}
