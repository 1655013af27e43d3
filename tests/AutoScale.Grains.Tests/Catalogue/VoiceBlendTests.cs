using AutoScale.Interfaces.Voices;

namespace AutoScale.Grains.Tests.Catalogue;

public sealed class VoiceBlendTests
{
    [Theory]
    [InlineData("af_bella+af_sky", "af_bella", 0.5, "af_sky", 0.5)]
    [InlineData("af_bella(2)+af_sky(1)", "af_bella", 2.0 / 3, "af_sky", 1.0 / 3)]
    [InlineData(" af_bella ( 3 ) + af_sky ", "af_bella", 0.75, "af_sky", 0.25)]
    [InlineData("af_bella,af_sky", "af_bella", 0.5, "af_sky", 0.5)]
    [InlineData("af_bella(0.5)+af_sky(1.5)", "af_bella", 0.25, "af_sky", 0.75)]
    public void Blends_are_parsed_as_kokoro_fastapi_writes_them_with_shares_that_sum_to_one(
        string text, string first, double firstShare, string second, double secondShare)
    {
        var blend = VoiceBlend.Parse(text);

        Assert.False(blend.IsSingle);
        Assert.Equal(first, blend.Lead);
        Assert.Equal([first, second], blend.Parts.Select(p => p.Voice));
        Assert.Equal(firstShare, blend.Parts[0].Share, 9);
        Assert.Equal(secondShare, blend.Parts[1].Share, 9);
    }

    [Fact]
    public void A_voice_named_twice_adds_its_weights_and_equal_mixes_share_one_spelling()
    {
        var twice = VoiceBlend.Parse("af_bella+af_sky+af_bella");

        Assert.Equal(2, twice.Parts.Count);
        Assert.Equal(VoiceBlend.Parse("af_bella(2)+af_sky(1)").Canonical, twice.Canonical);
        Assert.Equal("af_bella(0.666667)+af_sky(0.333333)", twice.Canonical);
    }

    [Theory]
    [InlineData("af_heart")]
    [InlineData("af_heart(3)")]
    [InlineData("en-us")]
    public void One_voice_is_single_whatever_its_weight(string text)
    {
        var blend = VoiceBlend.Parse(text);

        Assert.True(blend.IsSingle);
        Assert.Equal(text.Split('(')[0], blend.Canonical);
    }

    [Theory]
    [InlineData("", "required")]
    [InlineData("af_bella+", "empty part")]
    [InlineData("+af_bella", "empty part")]
    [InlineData("af_bella+af_sky,af_nova", "not both")]
    [InlineData("af_bella(0)+af_sky", "above 0")]
    [InlineData("af_bella(-1)+af_sky", "not a voice id")]
    [InlineData("af_bella(1001)+af_sky", "at most 1000")]
    [InlineData("af_bella(x)", "not a voice id")]
    [InlineData("../etc/passwd", "not a voice id")]
    [InlineData("AF_BELLA", "not a voice id")]
    [InlineData("a+b+c+d+e+f+g+h+i", "at most 8")]
    public void Malformed_voices_are_refused_saying_what_is_wrong(string text, string expected)
    {
        Assert.False(VoiceBlend.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
