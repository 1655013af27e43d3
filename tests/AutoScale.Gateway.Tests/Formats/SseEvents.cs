using System.Text.Json;

namespace AutoScale.Gateway.Tests.Formats;

/// <summary>The JSON <c>data:</c> of each server-sent event of a whole stream.</summary>
public static class SseEvents
{
    public static List<JsonElement> Parse(string stream) =>
        [.. stream.Replace("\r", "", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Split('\n').FirstOrDefault(l => l.StartsWith("data: ", StringComparison.Ordinal)))
            .OfType<string>()
            .Select(data => JsonDocument.Parse(data[6..]).RootElement.Clone())];
}
