using AutoScale.Grains.Chunking;

namespace AutoScale.Grains.Tests.Chunking;

public sealed class ChunkingRulesTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 2)]
    [InlineData(400, 1_000)]
    [InlineData(1_000, 1_000)]
    public void Target_from_one_up_to_max_is_accepted(int target, int max)
    {
        var rules = new ChunkingRules(target, max);

        Assert.Equal((target, max), (rules.TargetCharacters, rules.MaxCharacters));
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(-5, 10)]
    public void Target_below_one_is_rejected(int target, int max)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ChunkingRules(target, max));

        Assert.Equal("TargetCharacters", error.ParamName);
    }

    [Fact]
    public void Target_above_max_is_rejected_naming_both_values()
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
    public void Max_below_one_is_rejected(int target, int max)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ChunkingRules(target, max));

        Assert.Equal("MaxCharacters", error.ParamName);
    }
}
