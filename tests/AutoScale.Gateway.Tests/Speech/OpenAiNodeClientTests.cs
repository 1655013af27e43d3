using System.Text.Json;
using AutoScale.Testing.Audio;

namespace AutoScale.Gateway.Tests.Speech;

/// <summary>The official <c>openai</c> npm package, unchanged, pointed at the gateway's <c>/v1</c>.</summary>
[Collection(SpeechCollection.Name)]
public sealed class OpenAiNodeClientTests(SpeechFixture fixture)
{
    [NodeClientFact]
    public async Task The_official_node_client_streams_wav_mp3_and_sse_and_throws_bad_request_error_for_an_empty_input()
    {
        var outDir = Directory.CreateTempSubdirectory("openai-node-").FullName;
        var (exitCode, output, errors) = await NodeScript.RunAsync(
            "openai-speech.mjs", TimeSpan.FromMinutes(2), new Uri(fixture.Gateway.BaseAddress, "/v1").ToString(), fixture.TenantKey, outDir);

        Assert.True(exitCode == 0, $"node exited with {exitCode}.\n{output}\n{errors}");
        var summary = JsonDocument.Parse(output).RootElement;
        Assert.True(summary.GetProperty("ok").GetBoolean());
        Assert.Equal(200, summary.GetProperty("speech").GetProperty("status").GetInt32());
        Assert.Equal(24000, summary.GetProperty("speech").GetProperty("sampleRate").GetInt32());
        Assert.True(summary.GetProperty("speech").GetProperty("dataBytes").GetInt32() > 0);
        Assert.Equal("BadRequestError", summary.GetProperty("badRequest").GetProperty("name").GetString());
        Assert.Equal(400, summary.GetProperty("badRequest").GetProperty("status").GetInt32());
        Assert.All(summary.GetProperty("checks").EnumerateArray(), c => Assert.True(c.GetProperty("ok").GetBoolean(), c.ToString()));

        // What the client received decodes with the reference decoders: mp3 at OpenAI's 24 kHz, the SSE deltas too.
        foreach (var file in new[] { "mp3.mp3", "default.mp3", "sse.mp3" })
        {
            var probed = await Decoders.ProbeAsync(Path.Combine(outDir, file));
            Assert.Equal(("mp3", 24_000, 1), (probed.Codec, probed.SampleRate, probed.Channels));
            Assert.True((await Decoders.Mpg123Async(Path.Combine(outDir, file))).Length > 24_000, $"{file} holds less than a second");
        }

        Directory.Delete(outDir, recursive: true);
    }
}
