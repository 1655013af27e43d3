using AutoScale.Grains.Chunking;

namespace AutoScale.Grains.Tests.Chunking;

public sealed class ChunkingRulesTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 2)]
    [InlineData(400, 1_000)]
    [InlineData(1_000, 1_000)]
    public void TargetFromOneUpToMaxIsAccepted(int target, int max)
    {
        var rules = new ChunkingRules(target, max);

        Assert.Equal((target, max), (rules.TargetCharacters, rules.MaxCharacters));
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(-5, 10)]
    public void TargetBelowOneIsRejected(int target, int max)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ChunkingRules(target, max));

        Assert.Equal("TargetCharacters", error.ParamName);
    }

    [Fact]
    public void TargetAboveMaxIsRejectedNamingBothValues()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ChunkingRules(11, 10));

        Assert.Equal("TargetCharacters", error.ParamName);
        Assert.Contains("MaxCharacters (10)", error.Message, StringComparison.Ordinal);
        Assert.Contains("it was 11", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(0, 0)]
    [InlineData(1, -1)]
    public void MaxBelowOneIsRejected(int target, int max)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ChunkingRules(target, max));

        Assert.Equal("MaxCharacters", error.ParamName);
    }
}
