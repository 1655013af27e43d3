using AutoScale.Engines.ESpeak;

namespace AutoScale.Engines.Tests.ESpeak;

public sealed class ESpeakRateTests
{
    [Theory]
    [InlineData(1.0, 175)]
    [InlineData(2.0, 350)]
    [InlineData(0.5, 88)]
    [InlineData(0.25, 80)]
    [InlineData(2.58, 450)]
    [InlineData(4.0, 450)]
    public void Speed_maps_to_words_per_minute_within_the_library_range(double speed, int wordsPerMinute) =>
        Assert.Equal(wordsPerMinute, ESpeakEngine.RateFor(speed));
}
