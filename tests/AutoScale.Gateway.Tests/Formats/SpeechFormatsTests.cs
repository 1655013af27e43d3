using System.Net;
using System.Text;
using System.Text.Json;
using AutoScale.Gateway.Tests.EndToEnd;
using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Gateway.Tests.Speech;

namespace AutoScale.Gateway.Tests.Formats;

/// <summary>
/// Every format OpenAI's clients ask for, from a real eSpeak worker through the gateway, judged by real decoders:
/// OpenAI's 24 kHz (eSpeak's 22,050 Hz resampled), the WAV's length within 1%, and the end of the speech intact.
/// </summary>
[Collection(SpeechCollection.Name)]
public sealed class SpeechFormatsTests(SpeechFixture fixture)
{
    // About 25 s of speech, so an encoder's padding (tens of milliseconds) stays far inside 1%.
    private static readonly string Text = SpeechText.OfLength(380);

    private HttpClient Client() => fixture.Gateway.Client(fixture.TenantKey);

    private static Task<HttpResponseMessage> SpeakAsync(HttpClient client, object body) =>
        client.PostAsync("/v1/audio/speech", new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));

    [Theory]
    [InlineData("mp3", "audio/mpeg", "mp3")]
    [InlineData("opus", "audio/ogg", "opus")]
    [InlineData("aac", "audio/aac", "aac")]
    [InlineData("flac", "audio/flac", "flac")]
    [InlineData("pcm", "audio/pcm", "pcm_s16le")]
    public async Task Each_format_decodes_at_24_khz_to_the_length_of_the_wav_with_its_end_intact(string format, string contentType, string codec)
    {
        using var client = Client();
        using var wav = await SpeakAsync(client, new { model = "tts-1", voice = "alloy", input = Text, response_format = "wav" });
        using var other = await SpeakAsync(client, new { model = "tts-1", voice = "alloy", input = Text, response_format = format });

        Assert.True(other.StatusCode == HttpStatusCode.OK, await other.Content.ReadAsStringAsync());
        Assert.Equal(contentType, other.Content.Headers.ContentType?.MediaType);
        var reference = await DecodedAudio.OfAsync(await wav.Content.ReadAsByteArrayAsync(), "wav");
        var decoded = await DecodedAudio.OfAsync(await other.Content.ReadAsByteArrayAsync(), format);
        Assert.Equal(24_000, reference.SampleRate);
        Assert.Equal((codec, format == "opus" ? 48_000 : 24_000), (decoded.Codec, decoded.SampleRate));
        Assert.InRange(decoded.Seconds, reference.Seconds * 0.99, reference.Seconds * 1.01);
        // Kokoro-FastAPI's opus once dropped the last seconds: the speech must go on to where the WAV's does.
        // (A lossy codec rings on a little after the sound: later is fine, earlier is a cut.)
        Assert.InRange(decoded.HeardSeconds, reference.HeardSeconds - 0.05, reference.HeardSeconds + 0.25);
    }

    [Fact]
    public async Task Without_a_format_speech_is_mp3_as_openais()
    {
        using var response = await SpeakAsync(Client(), new { model = "tts-1", voice = "alloy", input = "Hello there." });

        Assert.Equal("audio/mpeg", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("mp3", (await DecodedAudio.OfAsync(await response.Content.ReadAsByteArrayAsync(), "mp3")).Codec);
    }

    [Fact]
    public async Task Sse_streams_speech_audio_delta_events_of_the_format_then_speech_audio_done()
    {
        using var client = Client();
        using var response = await SpeakAsync(client, new { model = "tts-1", voice = "alloy", input = Text, stream_format = "sse", response_format = "mp3" });
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);

        var events = SseEvents.Parse(await response.Content.ReadAsStringAsync());

        Assert.True(events.Count >= 3, $"{events.Count} events");
        Assert.All(events[..^1], e => Assert.Equal("speech.audio.delta", e.GetProperty("type").GetString()));
        var done = events[^1];
        Assert.Equal("speech.audio.done", done.GetProperty("type").GetString());
        Assert.Equal(Text.Length, done.GetProperty("usage").GetProperty("input_tokens").GetInt32());
        var audio = events[..^1].SelectMany(e => Convert.FromBase64String(e.GetProperty("audio").GetString()!)).ToArray();
        var decoded = await DecodedAudio.OfAsync(audio, "mp3");
        Assert.Equal(24_000, decoded.SampleRate);
        Assert.True(decoded.Seconds > 10, $"{decoded.Seconds} s");
    }

    [Fact]
    public async Task Timestamps_answer_json_with_the_base64_audio_and_every_word_in_order_within_it()
    {
        using var client = Client();
        const string Sentence = "Every word of this sentence has a start and an end.";

        using var response = await SpeakAsync(client, new { model = "tts-1", voice = "alloy", input = Sentence, response_format = "flac", timestamps = true });
        var body = await response.JsonAsync();
        using var json = await SpeakAsync(client, new { model = "tts-1", voice = "alloy", input = Sentence, response_format = "json" });
        var jsonBody = await json.JsonAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal(("flac", 24_000), (body.GetProperty("format").GetString(), body.GetProperty("sample_rate").GetInt32()));
        var decoded = await DecodedAudio.OfAsync(Convert.FromBase64String(body.GetProperty("audio").GetString()!), "flac");
        var words = body.GetProperty("words").EnumerateArray().ToList();
        Assert.Equal(Sentence.Split(' '), words.Select(w => w.GetProperty("word").GetString()));
        Assert.Equal(words.Select(w => w.GetProperty("start").GetDouble()).Order(), words.Select(w => w.GetProperty("start").GetDouble()));
        Assert.InRange(words[^1].GetProperty("end").GetDouble(), 0.1, decoded.Seconds + 0.01);
        Assert.Equal("wav", jsonBody.GetProperty("format").GetString());
        Assert.Equal(words.Count, jsonBody.GetProperty("words").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"model":"tts-1","voice":"alloy","input":"Hi.","response_format":"ogg"}""", "response_format", "wav, opus, pcm, mp3, flac, aac")]
    [InlineData("""{"model":"tts-1","voice":"alloy","input":"Hi.","stream_format":"websocket"}""", "stream_format", "sse")]
    [InlineData("""{"model":"tts-1","voice":"alloy","input":"Hi.","stream_format":"sse","timestamps":true}""", "stream_format", "JSON")]
    public async Task Unknown_or_contradictory_formats_are_refused_naming_what_works(string body, string param, string named)
    {
        using var response = await Client().PostAsync("/v1/audio/speech", new StringContent(body, Encoding.UTF8, "application/json"));
        var error = (await response.JsonAsync()).GetProperty("error");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Contains(named, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
