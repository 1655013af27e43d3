using AutoScale.Engines.Kokoro.Model;
using AutoScale.Engines.Kokoro.Phonemes;
using AutoScale.Testing;

namespace AutoScale.Engines.Kokoro.Tests.Phonemes;

public sealed class ESpeakPhonemizerTests
{
    private readonly ESpeakPhonemizer _phonemizer = new();

    [ESpeakFact]
    public void Clauses_come_back_in_tie_form_ipa_with_their_punctuation_restored()
    {
        var ipa = _phonemizer.Phonemize("Hello world, this is Kokoro. How are you?", "en-us");

        Assert.Equal("həlˈo^ʊ wˈɜːld, ðɪs ɪz kəkˈoːɹo^ʊ. hˈa^ʊ ɑː^ɹ juː?", ipa);
    }

    // Debian 12's eSpeak NG 1.51 (notes §5 PROBE) through misaki's substitutions; the same words' entries in misaki's
    // gold lexicon agree (hello həlˈO, world wˈɜɹld, water wˈɔTəɹ, bottle bˈɑTᵊl).
    [ESpeakTheory]
    [InlineData("hello world", "en-us", "həlˈO wˈɜɹld")]
    [InlineData("church judge", "en-us", "ʧˈɜɹʧ ʤˈʌʤ")]
    [InlineData("Hello world, this is Kokoro. How are you?", "en-us", "həlˈO wˈɜɹld, ðɪs ɪz kəkˈɔɹO. hˈW ɑɹ ju?")]
    [InlineData("boy day", "en-us", "bˈY dˈA")]
    [InlineData("water bottle", "en-us", "wˈɔTəɹ bˈɑTᵊl")]
    [InlineData("nation button", "en-us", "nˈAʃən bˈʌtn")]
    [InlineData("hello, go home", "en-gb", "həlˈQ, ɡˌQ hˈQm")]
    [InlineData("water butter", "en-gb", "wˈɔːtə bˈʌtə")]
    public void Known_words_give_kokoro_phonemes(string text, string language, string expected)
    {
        var ipa = _phonemizer.Phonemize(text, language);

        Assert.Equal(expected, KokoroPhonemeMapper.ToKokoro(ipa, language));
    }

    [ESpeakFact(needsSharedData: true)]
    public void A_sentence_with_punctuation_keeps_it_and_encodes_to_vocabulary_ids_only()
    {
        var config = KokoroConfig.Load(SharedData.PathOf("kokoro-v1_0-config.json"));
        var mapper = new KokoroPhonemeMapper(config);
        const string Text = "Wait; really: yes! No? (Maybe) \"quoted\" \u2014 the end\u2026 It's 3.50, isn't it?";

        var phonemes = KokoroPhonemeMapper.ToKokoro(_phonemizer.Phonemize(Text, "en-us"), "en-us");
        var tokens = mapper.Encode(phonemes);

        Assert.Equal(";:!?()\u201C\u201D\u2014\u2026,?", new string(phonemes.Where(c => ";:,.!?()\u201C\u201D\u2014\u2026".Contains(c)).ToArray()));
        Assert.Equal(0, tokens.DroppedCount);
        Assert.Equal(phonemes.Length, tokens.Ids.Count);
        Assert.All(tokens.Ids, id => Assert.Contains((int)id, config.Vocabulary.Values));
    }

    [ESpeakFact]
    public async Task Concurrent_callers_in_different_languages_get_the_same_phonemes_as_one_at_a_time()
    {
        string[] languages = ["en-us", "en-gb"];
        const string Text = "Go home and tell her the water is over there, near the hall.";
        var expected = languages.ToDictionary(language => language, language => _phonemizer.Phonemize(Text, language));
        Assert.NotEqual(expected[languages[0]], expected[languages[1]]);

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(index => Task.Run(() =>
        {
            var language = languages[index % 2];
            return (Language: language, Phonemes: new ESpeakPhonemizer().Phonemize(Text, language));
        })));

        Assert.All(results, result => Assert.Equal(expected[result.Language], result.Phonemes));
    }

    [ESpeakFact]
    public void Text_with_nothing_to_say_gives_no_phonemes()
    {
        Assert.Equal(string.Empty, _phonemizer.Phonemize("   ", "en-us"));
    }

    // What upstream's pipeline feeds the model for its e, f, h, i and p voices: eSpeak NG in that language through
    // misaki's generic substitutions. Every phoneme must be one the model has a token for.
    [ESpeakTheory(needsSharedData: true)]
    [InlineData("es", "Hola, ¿cómo estás? Me llamo Dora y vivo en Madrid.")]
    [InlineData("fr-fr", "Bonjour, comment allez-vous ? Je m'appelle Siwis.")]
    [InlineData("hi", "नमस्ते, आप कैसे हैं? मेरा नाम अल्फ़ा है।")]
    [InlineData("it", "Ciao, come stai? Mi chiamo Sara e vivo a Roma.")]
    [InlineData("pt-br", "Olá, tudo bem? Meu nome é Dora e moro em São Paulo.")]
    public void Other_languages_phonemize_into_kokoro_tokens(string language, string text)
    {
        var mapper = new KokoroPhonemeMapper(KokoroConfig.Load(SharedData.PathOf("kokoro-v1_0-config.json")));

        var phonemes = KokoroPhonemeMapper.ToKokoro(_phonemizer.Phonemize(text, language), language);
        var tokens = mapper.Encode(phonemes);

        Assert.True(tokens.Ids.Count > text.Length / 3, $"{language}: '{phonemes}'");
        Assert.True(tokens.DroppedCount == 0, $"{language}: {tokens.DroppedCount} phonemes without a token in '{phonemes}'");
        Assert.DoesNotContain('^', phonemes);
        Assert.Contains(',', phonemes);
    }
}
