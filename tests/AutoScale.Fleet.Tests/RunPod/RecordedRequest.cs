using System.Text.Json.Nodes;

namespace AutoScale.Fleet.Tests.RunPod;

/// <summary>One request the fake received, as it arrived.</summary>
internal sealed record RecordedRequest(string Method, string Path, string? Authorization, string Body, DateTimeOffset ReceivedAt)
{
    public bool IsCreate => Method == "POST" && Path == "/v2/pods";

    public JsonObject Json => JsonNode.Parse(Body)?.AsObject() ?? throw new InvalidOperationException($"{Method} {Path} had no JSON body.");

    /// <summary>The GPU type a create asked for, and its data center if it named one.</summary>
    public string Candidate
    {
        get
        {
            var json = Json;
            var dataCenter = json["dataCenterIds"]?.AsArray().FirstOrDefault()?.GetValue<string>();
            return dataCenter is null ? json["gpu"]!["id"]!.GetValue<string>() : $"{json["gpu"]!["id"]!.GetValue<string>()}@{dataCenter}";
        }
    }
}
