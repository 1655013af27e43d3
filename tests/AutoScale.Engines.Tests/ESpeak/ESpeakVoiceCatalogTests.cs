using AutoScale.Engines.ESpeak;

namespace AutoScale.Engines.Tests.ESpeak;

public sealed class ESpeakVoiceCatalogTests
{
    private static readonly ESpeakLibraryVoice[] _library =
    [
        Voice("English (Caribbean)", "gmw/en-029", (5, "en-029"), (10, "en")),
        Voice("English (Great Britain)", "gmw/en", (2, "en-gb"), (2, "en")),
        Voice("English (America)", "gmw/en-US", (2, "en-us"), (3, "en")),
        Voice("French (Belgium)", "roa/fr-BE", (5, "fr-be"), (8, "fr")),
        Voice("French (France)", "roa/fr", (5, "fr-fr"), (5, "fr")),
        Voice("Chinese (Mandarin)", "sit/cmn", (5, "cmn"), (5, "zh")),
        Voice("Chinese (Cantonese)", "sit/yue", (5, "yue"), (8, "zh")),
        Voice("Basque", "eu", (5, "eu")),
        Voice("Other Basque", "xyz/eu", (5, "eu")),
    ];

    private readonly ESpeakVoiceCatalog _catalog = ESpeakVoiceCatalog.Build(_library);

    [Theory]
    [InlineData("en-us", "gmw/en-US")]
    [InlineData("EN-US", "gmw/en-US")]
    [InlineData("en", "gmw/en")]
    [InlineData("fr", "roa/fr")]
    [InlineData("en-029", "gmw/en-029")]
    public void Every_voice_is_listed_under_its_file_name(string id, string identifier)
    {
        Assert.True(_catalog.TryGetIdentifier(id, out var found));
        Assert.Equal(identifier, found);
    }

    [Theory]
    [InlineData("en-gb", "gmw/en")]
    [InlineData("fr-fr", "roa/fr")]
    [InlineData("zh", "sit/cmn")]
    public void A_language_code_names_the_voice_the_data_prefers_for_it(string id, string identifier)
    {
        Assert.True(_catalog.TryGetIdentifier(id, out var found));
        Assert.Equal(identifier, found);
    }

    [Fact]
    public void A_file_name_taken_by_an_earlier_voice_falls_back_to_the_full_identifier()
    {
        Assert.True(_catalog.TryGetIdentifier("eu", out var first));
        Assert.True(_catalog.TryGetIdentifier("xyz/eu", out var second));

        Assert.Equal("eu", first);
        Assert.Equal("xyz/eu", second);
    }

    [Fact]
    public void Ids_are_unique_and_follow_the_library_order()
    {
        Assert.Equal(
            ["en-029", "en", "en-gb", "en-us", "fr-be", "fr", "fr-fr", "cmn", "zh", "yue", "eu", "xyz/eu"],
            _catalog.Voices.Select(voice => voice.Id));
        var britain = Assert.Single(_catalog.Voices, voice => voice.Id == "en-gb");
        Assert.Equal("English (Great Britain)", britain.Name);
        Assert.Equal(["en-gb", "en"], britain.Languages);
    }

    [Fact]
    public void An_unlisted_id_is_not_found() => Assert.False(_catalog.TryGetIdentifier("xx", out _));

    private static ESpeakLibraryVoice Voice(string name, string identifier, params (int Priority, string Code)[] languages) =>
        new(name, identifier, languages.Select(language => new ESpeakLanguage(language.Priority, language.Code)).ToArray());
}
