using AutoScale.Testing;
using System.Net;
using System.Text;
using System.Text.Json;
using AutoScale.Gateway.Tests.EndToEnd;
using AutoScale.Gateway.Tests.Infrastructure;

namespace AutoScale.Gateway.Tests.Speech;

/// <summary><c>POST /v1/audio/speech</c> against a real gateway and eSpeak worker: formats, streaming, OpenAI-shaped errors.</summary>
[Collection(SpeechCollection.Name)]
public sealed class SpeechApiTests(SpeechFixture fixture)
{
    private const string Sentence = "The quick brown fox jumps over the lazy dog.";

    private HttpClient Client(string? key = null) => fixture.Gateway.Client(key ?? fixture.TenantKey);

    private static Task<HttpResponseMessage> SpeakAsync(HttpClient client, object body, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/v1/audio/speech")
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        }, completion);

    private static async Task<JsonElement> AssertOpenAiErrorAsync(HttpResponseMessage response, HttpStatusCode status, string? param)
    {
        var body = await response.JsonAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = body.GetProperty("error");
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("type").GetString()));
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.True(error.TryGetProperty("code", out _), "error.code must be present (null when it does not apply)");
        return error;
    }

    [Fact]
    public async Task Wav_is_a_playable_riff_file_of_mono_samples_at_openais_24_khz()
    {
        using var client = Client();
        using var response = await SpeakAsync(client, new { model = "tts-1", voice = "alloy", input = Sentence, response_format = "wav" });
        var wav = StreamedWav.Parse(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/wav", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.TransferEncodingChunked, "the audio should be sent chunked, as it is made");
        Assert.Equal((24000, 1, 16), (wav.SampleRate, wav.Channels, wav.BitsPerSample));
        Assert.InRange(wav.DataBytes / 2 / 24000.0, 1.0, 10.0);
    }

    [Fact]
    public async Task Pcm_is_as_many_samples_as_the_wav_without_a_header_at_the_rate_the_content_type_names()
    {
        using var client = Client();
        using var wavResponse = await SpeakAsync(client, new { model = "tts-1", voice = "echo", input = Sentence, response_format = "wav" });
        using var pcmResponse = await SpeakAsync(client, new { model = "tts-1", voice = "echo", input = Sentence, response_format = "pcm" });
        var wav = await wavResponse.Content.ReadAsByteArrayAsync();
        var pcm = await pcmResponse.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, pcmResponse.StatusCode);
        Assert.Equal("audio/pcm", pcmResponse.Content.Headers.ContentType?.MediaType);
        Assert.Contains(pcmResponse.Content.Headers.ContentType!.Parameters, p => p.Name == "rate" && p.Value == "24000");
        Assert.Equal(0, pcm.Length % 2);
        Assert.NotEqual("RIFF"u8.ToArray(), pcm[..4]);
        // eSpeak's output varies by a few samples from one run to the next; the header is 44 bytes.
        Assert.InRange(pcm.Length, StreamedWav.Parse(wav).DataBytes * 0.99, StreamedWav.Parse(wav).DataBytes * 1.01);
    }

    [Fact]
    public async Task Opus_is_an_ogg_opus_stream()
    {
        using var client = Client();
        using var response = await SpeakAsync(client, new { model = "espeak", voice = "en-gb", input = Sentence, response_format = "opus" });
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/ogg", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("OggS"u8.ToArray(), bytes[..4]);
        Assert.Contains("OpusHead", Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_audio_of_a_many_chunk_input_arrives_before_its_interactive_job_has_finished()
    {
        using var client = Client();
        using var response = await SpeakAsync(client, new { model = "tts-1", voice = "nova", input = SpeechText.OfLength(4_000), response_format = "wav" },
            HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var first = new byte[44];
        await body.ReadExactlyAsync(first);
        var firstAudioAt = DateTimeOffset.UtcNow;
        var jobId = response.Headers.GetValues("X-Job-Id").Single();
        var atFirstAudio = await (await client.GetAsync($"/v1/jobs/{jobId}")).JsonAsync();
        using var rest = new MemoryStream();
        await body.CopyToAsync(rest);
        var job = await (await client.GetAsync($"/v1/jobs/{jobId}")).JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("interactive", job.GetProperty("priority").GetString());
        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.True(job.GetProperty("progress").GetProperty("chunksTotal").GetInt32() >= 5, $"4,000 characters should make several chunks: {job}");
        Assert.True(atFirstAudio.GetProperty("progress").GetProperty("chunksDone").GetInt32() < job.GetProperty("progress").GetProperty("chunksTotal").GetInt32(),
            $"the first audio came only after every chunk was done: {atFirstAudio}");
        Assert.True(firstAudioAt < job.GetProperty("finishedAt").GetDateTimeOffset(), $"first audio at {firstAudioAt:O}, job finished at {job.GetProperty("finishedAt")}");
        Assert.Equal(StreamedWav.Parse([.. first, .. rest.ToArray()]).DataBytes, rest.Length);
    }

    public static TheoryData<string, string> InvalidBodies() => new()
    {
        { """{"model":"tts-1","voice":"alloy","input":""}""", "input" },
        { """{"model":"tts-1","voice":"alloy","input":"   "}""", "input" },
        { $$"""{"model":"tts-1","voice":"alloy","input":"{{new string('a', 4097)}}"}""", "input" },
        { """{"model":"tts-1","voice":"nobody","input":"Hello."}""", "voice" },
        { """{"model":"tts-1","voice":"af_heart","input":"Hello."}""", "voice" },
        { """{"model":"tts-1","voice":"alloy","input":"Hello.","response_format":"ogg"}""", "response_format" },
        { """{"model":"tts-1","voice":"alloy","input":"Hello.","speed":5}""", "speed" },
        { """{"model":"tts-1","voice":"alloy","input":"Hello.","speed":0.1}""", "speed" },
        { """{"model":"tts-1","voice":"alloy","input":"Hello.","stream_format":"websocket"}""", "stream_format" },
        { """{"model":"tts-1","voice":"alloy","input":"Hello.",""", "" },
        { """{"model":"tts-1","voice":"alloy","input":42}""", "input" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task An_invalid_request_is_a_400_in_openais_shape_naming_the_parameter(string json, string param)
    {
        using var client = Client();
        using var response = await client.PostJsonAsync("/v1/audio/speech", json);

        var error = await AssertOpenAiErrorAsync(response, HttpStatusCode.BadRequest, param.Length == 0 ? null : param);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Input_over_openais_limit_says_the_limit()
    {
        using var client = Client();
        using var response = await SpeakAsync(client, new { model = "tts-1", voice = "alloy", input = new string('a', 4097) });

        var error = await AssertOpenAiErrorAsync(response, HttpStatusCode.BadRequest, "input");
        Assert.Contains("4096", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("string_above_max_length", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_unknown_model_is_a_404_model_not_found()
    {
        using var client = Client();
        using var response = await SpeakAsync(client, new { model = "tts-9", voice = "alloy", input = "Hello." });

        var error = await AssertOpenAiErrorAsync(response, HttpStatusCode.NotFound, "model");
        Assert.Equal("model_not_found", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_wrong_key_is_a_401_in_openais_shape()
    {
        using var client = Client("sk-not-a-key");
        using var response = await SpeakAsync(client, new { model = "tts-1", voice = "alloy", input = "Hello." });

        var error = await AssertOpenAiErrorAsync(response, HttpStatusCode.Unauthorized, null);
        Assert.Equal("invalid_api_key", error.GetProperty("code").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task No_key_is_a_401_in_openais_shape()
    {
        using var client = fixture.Gateway.Client(null);
        using var response = await SpeakAsync(client, new { model = "tts-1", voice = "alloy", input = "Hello." });

        await AssertOpenAiErrorAsync(response, HttpStatusCode.Unauthorized, null);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Other_routes_still_answer_problem_json()
    {
        using var client = Client("sk-not-a-key");
        using var response = await client.GetAsync("/v1/jobs");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Models_and_voices_list_the_open_ai_aliases()
    {
        using var client = Client();
        // What a Kokoro worker reports when it has the voices OpenAI's names map to (the gateway rereads the table).
        await fixture.ReportVoicesAsync("kokoro", "af_heart", "af_bella", "af_nicole", "am_michael", "am_fenrir", "bf_emma", "bm_george");
        var models = (await (await client.GetAsync("/v1/models")).JsonAsync()).GetProperty("data").EnumerateArray()
            .ToDictionary(m => m.GetProperty("id").GetString()!, m => m.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()).ToList());
        var voices = (await Eventually.ReturnsAsync(
                async () => await (await client.GetAsync("/v1/voices?model=kokoro")).JsonAsync(),
                v => v.GetProperty("items").GetArrayLength() == 7, TimeSpan.FromSeconds(10), "the reported Kokoro voices listed"))
            .GetProperty("items").EnumerateArray()
            .ToDictionary(v => v.GetProperty("id").GetString()!, v => v.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()).ToList());

        Assert.Equal(["tts-1"], models["espeak"]);
        Assert.Equal(["gpt-4o-mini-tts", "tts-1-hd"], models["kokoro"]);
        Assert.Contains("alloy", voices["af_heart"]);
        Assert.Equal(13, voices.Values.Sum(v => v.Count)); // OpenAI's 13 voices, marin and cedar included
    }

    [Fact]
    public async Task An_admin_key_is_refused_with_403_in_openais_shape()
    {
        using var client = Client(fixture.Gateway.AdminKey);
        using var response = await SpeakAsync(client, new { model = "tts-1", voice = "alloy", input = "Hello." });

        await AssertOpenAiErrorAsync(response, HttpStatusCode.Forbidden, null);
    }

    [Fact]
    public async Task A_model_no_worker_serves_and_no_fleet_can_start_is_refused_at_once_with_503_model_unavailable()
    {
        using var client = Client();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        using var response = await SpeakAsync(client, new { model = "tts-1-hd", voice = "alloy", input = Sentence });

        var error = await AssertOpenAiErrorAsync(response, HttpStatusCode.ServiceUnavailable, "model");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"answered after {clock.Elapsed}");
        Assert.Equal("model_unavailable", error.GetProperty("code").GetString());
        // The reason GET /v1/models gives for the pool.
        Assert.Contains("does not start workers", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains(SpeechJobHeader), "no job is made for a model nobody can serve");
    }

    [Fact]
    public async Task Blends_are_refused_on_a_model_that_does_not_blend_naming_the_voice_parameter()
    {
        using var client = Client();

        using var response = await SpeakAsync(client, new { model = "tts-1", voice = "en-us+en-gb", input = Sentence });

        var error = await AssertOpenAiErrorAsync(response, HttpStatusCode.BadRequest, "voice");
        Assert.Contains("does not blend", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private const string SpeechJobHeader = "X-Job-Id";
}
