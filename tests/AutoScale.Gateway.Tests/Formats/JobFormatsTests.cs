using System.Net;
using AutoScale.Gateway.Tests.Captions;
using AutoScale.Gateway.Tests.EndToEnd;
using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Gateway.Tests.Speech;
using AutoScale.Testing;

namespace AutoScale.Gateway.Tests.Formats;

/// <summary>Formats and sample rates on the jobs API, with a real eSpeak worker, judged by real decoders.</summary>
[Collection(SpeechCollection.Name)]
public sealed class JobFormatsTests(SpeechFixture fixture)
{
    private HttpClient Client() => fixture.Gateway.Client(fixture.TenantKey);

    private static async Task<System.Text.Json.JsonElement> FinishedAsync(HttpClient client, string id) =>
        await Eventually.ReturnsAsync(
            async () => await (await client.GetAsync($"/v1/jobs/{id}")).JsonAsync(),
            j => j.GetProperty("status").GetString() is "succeeded" or "failed" or "cancelled", TimeSpan.FromMinutes(5), $"job {id} to finish");

    // The done-when: a long job as a valid mp3 with WebVTT captions that match it.
    [Fact]
    public async Task A_20000_character_job_is_a_valid_mp3_and_its_webvtt_captions_span_the_same_speech()
    {
        using var client = Client();
        var text = SpeechText.OfLength(20_000);
        var id = (await (await client.SubmitAsync(new { text, format = "mp3" })).AssertStatusAsync(HttpStatusCode.Accepted)).GetProperty("id").GetString()!;

        var job = await FinishedAsync(client, id);
        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        using var audio = await client.GetAsync($"/v1/jobs/{id}/audio");
        Assert.Equal("audio/mpeg", audio.Content.Headers.ContentType?.MediaType);
        var decoded = await DecodedAudio.OfAsync(await audio.Content.ReadAsByteArrayAsync(), "mp3");
        var seconds = job.GetProperty("audioSeconds").GetDouble();
        Assert.Equal(("mp3", 22_050), (decoded.Codec, decoded.SampleRate));
        Assert.InRange(decoded.Seconds, seconds * 0.99, seconds * 1.01);

        var vtt = await (await client.GetAsync($"/v1/jobs/{id}/captions?format=vtt")).Content.ReadAsStringAsync();
        var cues = await CaptionFile.ParseWithFfmpegAsync(vtt, "vtt");
        Assert.Equal(text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries), cues.SelectMany(c => c.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        Assert.InRange(cues[^1].End, seconds - 2, seconds + 0.01);
    }

    [Fact]
    public async Task A_finished_job_can_be_had_in_another_format_and_rate_and_a_sample_rate_can_be_asked_for_up_front()
    {
        using var client = Client();
        var text = SpeechText.OfLength(300);
        var wavId = (await (await client.SubmitAsync(new { text })).AssertStatusAsync(HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
        var flacId = (await (await client.SubmitAsync(new { text, format = "flac", sampleRate = 16_000 })).AssertStatusAsync(HttpStatusCode.Accepted))
            .GetProperty("id").GetString()!;
        var wavJob = await FinishedAsync(client, wavId);
        var flacJob = await FinishedAsync(client, flacId);

        Assert.Equal(16_000, flacJob.GetProperty("sampleRate").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, wavJob.GetProperty("sampleRate").ValueKind);
        var asked = await DecodedAudio.OfAsync(await client.GetByteArrayAsync($"/v1/jobs/{flacId}/audio"), "flac");
        Assert.Equal(("flac", 16_000), (asked.Codec, asked.SampleRate));
        foreach (var (format, rate, codec) in new[] { ("aac", 24_000, "aac"), ("opus", 48_000, "opus"), ("mp3", 44_100, "mp3") })
        {
            using var response = await client.GetAsync($"/v1/jobs/{wavId}/audio?format={format}&sampleRate={rate}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            var decoded = await DecodedAudio.OfAsync(await response.Content.ReadAsByteArrayAsync(), format);
            Assert.Equal(codec, decoded.Codec);
            Assert.InRange(decoded.Seconds, wavJob.GetProperty("audioSeconds").GetDouble() * 0.99, wavJob.GetProperty("audioSeconds").GetDouble() * 1.01);
        }
    }

    [Theory]
    [InlineData("""{"text":"Hi.","format":"ogg"}""", "format", "wav, opus, pcm, mp3, flac, aac")]
    [InlineData("""{"text":"Hi.","sampleRate":96000}""", "sampleRate", "44100")]
    [InlineData("""{"text":"Hi.","sampleRate":22000}""", "sampleRate", "22050")]
    public async Task An_unknown_format_or_rate_is_refused_naming_those_that_work(string body, string field, string named)
    {
        using var response = await Client().PostAsync("/v1/jobs", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(named, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(field, problem.ToString(), StringComparison.Ordinal);
    }
}
