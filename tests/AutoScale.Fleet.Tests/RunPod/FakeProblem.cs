using System.Text.Json.Nodes;

namespace AutoScale.Fleet.Tests.RunPod;

/// <summary>An RFC 9457 problem as the v2 API sends it (the spec's ErrorResponse).</summary>
internal sealed record FakeProblem(int Status, string Title, string Detail, IReadOnlyList<string>? Errors = null)
{
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["title"] = Title, ["status"] = Status, ["detail"] = Detail };
        if (Errors is not null)
        {
            json["errors"] = new JsonArray([.. Errors.Select(error => JsonValue.Create(error))]);
        }

        return json;
    }
}
