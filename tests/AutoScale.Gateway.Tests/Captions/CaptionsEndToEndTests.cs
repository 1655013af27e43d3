using System.Net;
using System.Text.Json;
using AutoScale.Gateway.Tests.EndToEnd;
using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Gateway.Tests.Speech;
using AutoScale.Testing;

namespace AutoScale.Gateway.Tests.Captions;

/// <summary>Word timestamps and captions of a real eSpeak job, through the gateway: JSON, WebVTT and SubRip, and the SSE chunk event.</summary>
[Collection(SpeechCollection.Name)]
public sealed class CaptionsEndToEndTests(SpeechFixture fixture)
{
    [Fact]
    public async Task A_jobs_captions_grow_while_it_runs_and_end_with_every_word_once_in_order_as_valid_webvtt_and_subrip()
    {
        using var client = fixture.Gateway.Client(fixture.TenantKey);
        var text = SpeechText.OfLength(3_000);
        var id = (await (await client.SubmitAsync(new { text })).AssertStatusAsync(HttpStatusCode.Accepted)).GetProperty("id").GetString()!;

        // The worker takes one chunk at a time: some look finds part of the job captioned.
        var partial = await Eventually.ReturnsAsync(
            async () => await client.GetAsync($"/v1/jobs/{id}/captions"),
            r => r.Headers.GetValues("X-Captioned-Chunks").Single() is var done && done.Split('/') is [var n, var total] && n != "0" && n != total,
            TimeSpan.FromMinutes(2), "captions of part of the job");
        var partialWords = (await partial.JsonAsync()).EnumerateArray().Select(w => w.GetProperty("word").GetString()).ToList();
        var finished = await Eventually.ReturnsAsync(
            async () => await (await client.GetAsync($"/v1/jobs/{id}")).JsonAsync(),
            j => j.GetProperty("status").GetString() is "succeeded" or "failed", TimeSpan.FromMinutes(3), $"job {id} to finish");
        Assert.Equal("succeeded", finished.GetProperty("status").GetString());

        var words = (await (await client.GetAsync($"/v1/jobs/{id}/captions?format=json")).AssertStatusAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal(text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries), words.Select(w => w.GetProperty("word").GetString()));
        Assert.Equal(partialWords, words.Take(partialWords.Count).Select(w => w.GetProperty("word").GetString()));
        var starts = words.Select(w => w.GetProperty("start").GetDouble()).ToList();
        Assert.Equal(starts.Order(), starts);
        Assert.All(words, w => Assert.True(w.GetProperty("end").GetDouble() >= w.GetProperty("start").GetDouble(), $"{w}"));
        Assert.True(words[^1].GetProperty("end").GetDouble() <= finished.GetProperty("audioSeconds").GetDouble() + 0.01);
        Assert.Equal(finished.GetProperty("progress").GetProperty("chunksTotal").GetInt32() - 1, words[^1].GetProperty("chunk").GetInt32());

        foreach (var (format, contentType) in new[] { ("vtt", "text/vtt"), ("srt", "application/x-subrip") })
        {
            using var response = await client.GetAsync($"/v1/jobs/{id}/captions?format={format}");
            Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
            var cues = await CaptionFile.ParseWithFfmpegAsync(await response.Content.ReadAsStringAsync(), format);
            Assert.Equal(string.Join(' ', words.Select(w => w.GetProperty("word").GetString())), string.Join(' ', cues.Select(c => c.Text.Replace('\n', ' '))));
            Assert.Equal(cues.Select(c => c.Start).Order(), cues.Select(c => c.Start));
            Assert.All(cues, c => Assert.True(c.End > c.Start && c.Text.Split('\n').All(l => l.Length <= 42), $"{c}"));
        }
    }

    [Fact]
    public async Task The_sse_chunk_event_carries_that_chunks_words()
    {
        using var client = fixture.Gateway.Client(fixture.TenantKey);
        var id = (await (await client.SubmitAsync(new { text = "Hello there, captions. This is the second sentence." })).AssertStatusAsync(HttpStatusCode.Accepted))
            .GetProperty("id").GetString()!;

        using var events = await client.GetStreamAsync($"/v1/jobs/{id}/events");
        using var reader = new StreamReader(events);
        var chunkWords = new List<string>();
        for (string? line, name = ""; (line = await reader.ReadLineAsync()) is not null;)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && name == "chunk")
            {
                using var data = JsonDocument.Parse(line[6..]);
                Assert.Equal(0, data.RootElement.GetProperty("startsAt").GetDouble());
                chunkWords.AddRange(data.RootElement.GetProperty("words").EnumerateArray().Select(w => w.GetProperty("word").GetString()!));
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && name is "succeeded" or "failed" or "cancelled")
            {
                break;
            }
        }

        Assert.Equal(["Hello", "there,", "captions.", "This", "is", "the", "second", "sentence."], chunkWords);
    }
}
