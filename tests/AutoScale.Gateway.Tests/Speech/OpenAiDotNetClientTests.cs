using System.ClientModel;
using System.Diagnostics;
using AutoScale.Testing.Audio;
using OpenAI;
using OpenAI.Audio;

namespace AutoScale.Gateway.Tests.Speech;

/// <summary>The official OpenAI .NET library (2.15.0) with its defaults, its base URL pointed at the gateway.</summary>
[Collection(SpeechCollection.Name)]
public sealed class OpenAiDotNetClientTests(SpeechFixture fixture)
{
    private AudioClient Client(string model) =>
        new OpenAIClient(new ApiKeyCredential(fixture.TenantKey), new OpenAIClientOptions { Endpoint = new Uri(fixture.Gateway.BaseAddress, "/v1") })
            .GetAudioClient(model);

    [Fact]
    public async Task The_dotnet_client_gets_wav_speech_from_tts_1()
    {
        var speech = await Client("tts-1").GenerateSpeechAsync(
            "Hello from the official client.", GeneratedSpeechVoice.Alloy, new SpeechGenerationOptions { ResponseFormat = GeneratedSpeechFormat.Wav });

        Assert.True(StreamedWav.Parse(speech.Value.ToArray()).DataBytes > 0);
    }

    [Fact]
    public async Task The_dotnet_clients_defaults_get_mp3_at_24_khz()
    {
        var speech = await Client("tts-1").GenerateSpeechAsync("Left to its defaults, the client gets mp3.", GeneratedSpeechVoice.Alloy);

        var file = Path.Combine(Path.GetTempPath(), $"dotnet-default-{Guid.NewGuid():N}.mp3");
        await File.WriteAllBytesAsync(file, speech.Value.ToArray());
        try
        {
            var probed = await Decoders.ProbeAsync(file);
            Assert.Equal(("mp3", 24_000), (probed.Codec, probed.SampleRate));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_dotnet_client_asking_for_a_model_nobody_can_serve_fails_in_seconds_with_503_instead_of_hanging()
    {
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Client("tts-1-hd").GenerateSpeechAsync(
            "Is anybody there?", GeneratedSpeechVoice.Alloy, new SpeechGenerationOptions { ResponseFormat = GeneratedSpeechFormat.Wav }));

        // With its default retries (three, with back-off) it still ends well before one of its 100 s timeouts.
        Assert.Equal(503, error.Status);
        Assert.Contains("model_unavailable", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the client gave up after {clock.Elapsed}");
    }
}
