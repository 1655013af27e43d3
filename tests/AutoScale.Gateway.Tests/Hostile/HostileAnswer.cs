using System.Net;
using System.Text;
using System.Text.Json;

namespace AutoScale.Gateway.Tests.Hostile;

/// <summary>How a route reports errors: problem+json everywhere, OpenAI's <c>{"error":{...}}</c> on the speech route.</summary>
public enum ErrorShape
{
    Problem,
    OpenAi,
}

/// <summary>The checks every answer to hostile input must pass.</summary>
public static class HostileAnswer
{
    private static readonly string[] Internals = ["   at ", "Exception", "System."];

    /// <summary>
    /// Asserts no 5xx, no internals in the body, and an error body of the route's shape; returns the status. With
    /// <paramref name="kestrelMayRefuse"/>, an empty 400/414/431 is allowed: Kestrel's refusal of a request target or
    /// header before any route (or the gateway's error handling) runs, as for a path that decodes to a NUL.
    /// </summary>
    public static async Task<HttpStatusCode> AssertWellBehavedAsync(
        HttpResponseMessage response, ErrorShape shape, string request, bool kestrelMayRefuse = false)
    {
        var status = (int)response.StatusCode;
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var isAudio = mediaType?.StartsWith("audio/", StringComparison.Ordinal) == true;
        var text = isAudio ? "" : Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
        var context = $"{request} -> {status} {mediaType}: {Shorten(text)}";
        Assert.True(status < 500, $"A 5xx answer: {context}");
        foreach (var internals in Internals)
        {
            Assert.False(text.Contains(internals, StringComparison.Ordinal), $"The body shows internals ('{internals}'): {context}");
        }

        if (status is >= 400 and < 500 && !(kestrelMayRefuse && text.Length == 0 && status is 400 or 414 or 431))
        {
            AssertErrorBody(shape, mediaType, text, context);
        }

        return response.StatusCode;
    }

    public static void AssertErrorBody(ErrorShape shape, string? mediaType, string text, string context)
    {
        JsonElement body;
        try
        {
            body = JsonDocument.Parse(text).RootElement;
        }
        catch (JsonException)
        {
            Assert.Fail($"An error answer that is not JSON: {context}");
            return;
        }

        if (shape == ErrorShape.Problem)
        {
            Assert.True(mediaType == "application/problem+json", $"An error that is not problem+json: {context}");
            Assert.True(NonEmpty(body, "title") && NonEmpty(body, "detail"), $"A problem without title and detail: {context}");
        }
        else
        {
            Assert.True(mediaType == "application/json", $"An OpenAI error that is not application/json: {context}");
            Assert.True(body.ValueKind == JsonValueKind.Object && body.TryGetProperty("error", out var error) && NonEmpty(error, "message"),
                $"An error not in OpenAI's shape: {context}");
        }
    }

    public static string Shorten(string text) => text.Length <= 300 ? text : $"{text[..300]}… ({text.Length} chars)";

    private static bool NonEmpty(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value)
        && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString());
}
