using AutoScale.Grains.Catalogue;
using AutoScale.Interfaces.Catalogue;

namespace AutoScale.Grains.Tests.Catalogue;

public sealed class VoiceSelectionTests
{
    private static readonly ModelDefinition Kokoro = new() { Pool = "kokoro", DiscoverVoices = true, Blends = true, DefaultVoice = "af_heart" };
    private static readonly ModelDefinition ESpeak = new() { Pool = "espeak", Voices = ["en-us", "en-gb"], DefaultVoice = "en-us" };

    private static readonly IReadOnlyList<ReportedVoice> OnDisk =
    [
        Voice("af_bella"), Voice("af_heart"), Voice("af_sky"), Voice("ef_dora", "es"),
        new ReportedVoice { Id = "jf_alpha", Languages = [], UnavailableReason = "Japanese voices need misaki's Japanese phonemizer" },
    ];

    [Theory]
    [InlineData(null, "af_heart")]
    [InlineData("af_bella", "af_bella")]
    [InlineData("ef_dora", "ef_dora")]
    [InlineData("af_bella(2)", "af_bella")]
    [InlineData("af_bella+af_sky", "af_bella+af_sky")]
    [InlineData(" af_bella(2)+af_sky(1) ", "af_bella(2)+af_sky(1)")]
    public void A_reported_voice_or_a_blend_of_them_is_chosen(string? requested, string expected)
    {
        var choice = VoiceSelection.Choose("kokoro", Kokoro, ModelVoices.Reported(Kokoro, OnDisk), requested);

        Assert.Null(choice.Error);
        Assert.Equal(expected, choice.Voice);
    }

    [Theory]
    [InlineData("af_nobody", "has no voice 'af_nobody'")]
    [InlineData("af_bella+af_nobody", "has no voice 'af_nobody'")]
    [InlineData("jf_alpha", "unavailable: Japanese voices need")]
    [InlineData("af_bella+jf_alpha", "unavailable: Japanese voices need")]
    [InlineData("af_bella+", "empty part")]
    public void Voices_the_workers_lack_or_cannot_speak_are_refused_with_the_reason(string requested, string expected)
    {
        var choice = VoiceSelection.Choose("kokoro", Kokoro, ModelVoices.Reported(Kokoro, OnDisk), requested);

        Assert.Null(choice.Voice);
        Assert.Contains(expected, choice.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_list_of_voices_in_a_refusal_names_only_those_that_can_be_spoken()
    {
        var choice = VoiceSelection.Choose("kokoro", Kokoro, ModelVoices.Reported(Kokoro, OnDisk), "af_nobody");

        Assert.Contains("af_bella, af_heart, af_sky, ef_dora", choice.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("jf_alpha", choice.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Before_any_worker_reported_a_well_formed_voice_passes_and_the_worker_decides()
    {
        var unknown = ModelVoices.Reported(Kokoro, reported: null);

        Assert.Equal("af_whoever+af_sky", VoiceSelection.Choose("kokoro", Kokoro, unknown, "af_whoever+af_sky").Voice);
        Assert.Equal("af_heart", VoiceSelection.Choose("kokoro", Kokoro, unknown, null).Voice);
        Assert.Contains("not reported yet", VoiceSelection.Choose("kokoro", Kokoro, unknown, "af bella").Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Workers_without_the_configured_default_voice_default_to_the_first_they_can_speak()
    {
        var voices = ModelVoices.Reported(Kokoro, [Voice("bf_emma"), Voice("am_adam")]);

        Assert.Equal("bf_emma", VoiceSelection.Choose("kokoro", Kokoro, voices, null).Voice);
    }

    [Fact]
    public void A_model_that_does_not_blend_refuses_a_blend()
    {
        var choice = VoiceSelection.Choose("espeak", ESpeak, ModelVoices.Configured(ESpeak), "en-us+en-gb");

        Assert.Contains("does not blend", choice.Error, StringComparison.Ordinal);
        Assert.Equal("en-gb", VoiceSelection.Choose("espeak", ESpeak, ModelVoices.Configured(ESpeak), "en-gb").Voice);
    }

    private static ReportedVoice Voice(string id, string language = "en-us") => new() { Id = id, Languages = [language] };
}
