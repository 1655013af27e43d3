using System.Text.Json;

namespace AutoScale.Gateway.Tests.Speech;

/// <summary>The official <c>openai</c> npm package, unchanged, pointed at the gateway's <c>/v1</c>.</summary>
[Collection(SpeechCollection.Name)]
public sealed class OpenAiNodeClientTests(SpeechFixture fixture)
{
    [NodeClientFact]
    public async Task TheOfficialNodeClientStreamsWavAndThrowsBadRequestErrorForAnEmptyInput()
    {
        var (exitCode, output, errors) = await NodeScript.RunAsync(
            "openai-speech.mjs", TimeSpan.FromMinutes(2), new Uri(fixture.Gateway.BaseAddress, "/v1").ToString(), fixture.TenantKey);

        Assert.True(exitCode == 0, $"node exited with {exitCode}.\n{output}\n{errors}");
        var summary = JsonDocument.Parse(output).RootElement;
        Assert.True(summary.GetProperty("ok").GetBoolean());
        Assert.Equal(200, summary.GetProperty("speech").GetProperty("status").GetInt32());
        Assert.Equal(22050, summary.GetProperty("speech").GetProperty("sampleRate").GetInt32());
        Assert.True(summary.GetProperty("speech").GetProperty("dataBytes").GetInt32() > 0);
        Assert.Equal("BadRequestError", summary.GetProperty("badRequest").GetProperty("name").GetString());
        Assert.Equal(400, summary.GetProperty("badRequest").GetProperty("status").GetInt32());
        Assert.All(summary.GetProperty("checks").EnumerateArray(), c => Assert.True(c.GetProperty("ok").GetBoolean(), c.ToString()));
    }
}
