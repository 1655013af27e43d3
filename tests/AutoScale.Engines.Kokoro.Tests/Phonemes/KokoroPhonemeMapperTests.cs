using AutoScale.Engines.Kokoro.Model;
using AutoScale.Engines.Kokoro.Phonemes;
using AutoScale.Testing;

namespace AutoScale.Engines.Kokoro.Tests.Phonemes;

public sealed class KokoroPhonemeMapperTests
{
    // eSpeak NG 1.51 tie-form IPA (as it comes out on Debian 12) and the misaki spelling Kokoro was trained on.
    [Theory]
    [InlineData("həlˈo^ʊ wˈɜːld", "en-us", "həlˈO wˈɜɹld")]
    [InlineData("t^ʃˈɜːt^ʃ d^ʒˈʌd^ʒ", "en-us", "ʧˈɜɹʧ ʤˈʌʤ")]
    [InlineData("hˈa^ʊ ɑː^ɹ juː", "en-us", "hˈW ɑɹ ju")]
    [InlineData("bˈɔ^ɪ dˈe^ɪ fˈa^ɪv", "en-us", "bˈY dˈA fˈIv")]
    [InlineData("wˈɔːɾɚ bˈɑːɾə^l", "en-us", "wˈɔTəɹ bˈɑTᵊl")]
    [InlineData("nˈe^ɪʃən bˈʌʔn̩", "en-us", "nˈAʃən bˈʌtn")]
    [InlineData("kəkˈoːɹo^ʊ", "en-us", "kəkˈɔɹO")]
    [InlineData("həlˈə^ʊ ɡˈə^ʊ", "en-gb", "həlˈQ ɡˈQ")]
    [InlineData("hˈe^ə nˈi^ə wˈɔːtə", "en-gb", "hˈɛː nˈɪə wˈɔːtə")]
    public void ESpeak_ipa_becomes_the_phonemes_misaki_gives_kokoro(string espeak, string language, string expected)
    {
        Assert.Equal(expected, KokoroPhonemeMapper.ToKokoro(espeak, language));
    }

    [Fact]
    public void Punctuation_passes_through_the_mapping()
    {
        Assert.Equal("həlˈO, wˈɜɹld! “ju” (mˈAbi)… —", KokoroPhonemeMapper.ToKokoro("həlˈo^ʊ, wˈɜːld! “juː” (mˈe^ɪbiː)… —", "en-us"));
    }

    // misaki's EspeakG2P, which upstream's pipeline uses for e, f, h, i and p voices: ties become single phonemes, hyphens go.
    [Theory]
    [InlineData("t^ʃˈa^ʊ, bˈɛlla", "it", "ʧˈW, bˈɛlla")]
    [InlineData("pˈi^t^sa d^zˈɛta", "it", "pˈiʦa ʣˈɛta")]
    [InlineData("bõ^ʒˈu^ʁ mˈe^ɪ-sjø", "fr-fr", "bõʒˈuʁ mˈAsjø")]
    [InlineData("ˈo^ʊ kˈa^ɪs s^sˈe", "pt-br", "ˈO kˈIs Sˈe")]
    [InlineData("ˈoʎa kˈomo", "es", "ˈoʎa kˈomo")]
    public void Other_espeak_languages_take_misakis_generic_substitutions(string espeak, string language, string expected)
    {
        Assert.Equal(expected, KokoroPhonemeMapper.ToKokoro(espeak, language));
    }

    [Theory]
    [InlineData("ja")]
    [InlineData("cmn")]
    [InlineData("de")]
    public void A_language_no_kokoro_voice_speaks_through_espeak_is_refused_naming_those_that_do(string language)
    {
        var error = Assert.Throws<ArgumentException>(() => KokoroPhonemeMapper.ToKokoro("a", language));

        Assert.Contains("pt-br", error.Message, StringComparison.Ordinal);
    }

    [SharedDataFact("kokoro-v1_0-config.json")]
    public void Known_phonemes_encode_to_their_vocabulary_ids_and_unknown_ones_are_dropped_and_counted()
    {
        var config = KokoroConfig.Load(SharedData.PathOf("kokoro-v1_0-config.json"));
        var mapper = new KokoroPhonemeMapper(config);

        // ASCII "g" has no id (Kokoro uses IPA ɡ) and neither has the snowman.
        var tokens = mapper.Encode("həlˈO, g☃wˈɜɹld!");

        Assert.Equal(2, tokens.DroppedCount);
        Assert.Equal(16, tokens.PhonemeCount);
        Assert.Equal(14, tokens.Ids.Count);
        Assert.Equal(config.Vocabulary["h"], tokens.Ids[0]);
        Assert.Equal(config.Vocabulary["O"], tokens.Ids[4]);
        Assert.Equal(config.Vocabulary[","], tokens.Ids[5]);
        Assert.Equal(config.Vocabulary["!"], tokens.Ids[^1]);
        Assert.All(tokens.Ids, id => Assert.Contains((int)id, config.Vocabulary.Values));
    }

    [Fact]
    public void A_vocabulary_entry_of_more_than_one_code_point_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new KokoroPhonemeMapper(new Dictionary<string, int> { ["ab"] = 1 }));
    }
}
