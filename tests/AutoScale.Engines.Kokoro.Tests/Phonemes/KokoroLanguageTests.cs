using AutoScale.Engines.Kokoro.Phonemes;

namespace AutoScale.Engines.Kokoro.Tests.Phonemes;

public sealed class KokoroLanguageTests
{
    // Upstream's LANG_CODES for the lang_code a voice name starts with.
    [Theory]
    [InlineData("af_heart", "en-us")]
    [InlineData("am_adam", "en-us")]
    [InlineData("bf_emma", "en-gb")]
    [InlineData("ef_dora", "es")]
    [InlineData("ff_siwis", "fr-fr")]
    [InlineData("hm_omega", "hi")]
    [InlineData("if_sara", "it")]
    [InlineData("pm_santa", "pt-br")]
    public void A_voice_speaks_the_espeak_language_its_first_letter_names(string voice, string language)
    {
        var spoken = KokoroLanguage.ForVoice(voice);

        Assert.True(spoken.IsAvailable);
        Assert.Equal(language, spoken.RequireESpeakLanguage());
    }

    [Theory]
    [InlineData("jf_alpha", "Japanese")]
    [InlineData("zm_yunxi", "Chinese")]
    [InlineData("xx_nobody", "no Kokoro language")]
    public void Japanese_chinese_and_unknown_voices_are_unavailable_saying_why(string voice, string reason)
    {
        var spoken = KokoroLanguage.ForVoice(voice);

        Assert.False(spoken.IsAvailable);
        Assert.Null(spoken.ESpeakLanguage);
        Assert.Contains(reason, spoken.UnavailableReason, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => spoken.RequireESpeakLanguage());
    }
}
