using System.Text.Json.Nodes;

namespace AutoScale.Fleet.Tests.RunPod;

/// <summary>Just enough of an OpenAPI 3.1 reader to ask which properties a schema allows, through $ref, allOf and anyOf.</summary>
internal sealed class OpenApiSpec(JsonNode root)
{
    public static OpenApiSpec Load(string path) => new(JsonNode.Parse(File.ReadAllText(path))!);

    public JsonNode Root => root;

    public JsonNode Schema(string name) =>
        root["components"]!["schemas"]![name] ?? throw new KeyNotFoundException($"The spec has no schema {name}.");

    /// <summary>Every property the schema (and whatever it composes) declares, with its own schema.</summary>
    public Dictionary<string, JsonNode> Properties(JsonNode schema)
    {
        var properties = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var part in Parts(schema))
        {
            foreach (var (name, property) in part["properties"]?.AsObject() ?? [])
            {
                properties.TryAdd(name, property!);
            }
        }

        return properties;
    }

    /// <summary>Every property the schema requires, through allOf.</summary>
    public HashSet<string> Required(JsonNode schema) =>
        [.. Parts(schema).SelectMany(part => part["required"]?.AsArray().Select(name => (string)name!) ?? [])];

    /// <summary>The item schema of an array schema.</summary>
    public JsonNode? Items(JsonNode schema) => Parts(schema).Select(part => part["items"]).FirstOrDefault(items => items is not null);

    /// <summary>A map (an object whose keys are free), like <c>env</c>.</summary>
    public bool IsMap(JsonNode schema) => Parts(schema).Any(part => part["additionalProperties"] is JsonObject);

    private IEnumerable<JsonObject> Parts(JsonNode schema)
    {
        var node = schema.AsObject();
        if (node["$ref"] is { } reference)
        {
            foreach (var part in Parts(Schema(((string)reference!).Split('/')[^1])))
            {
                yield return part;
            }
        }

        yield return node;
        foreach (var composed in new[] { "allOf", "anyOf", "oneOf" }.SelectMany(keyword => node[keyword]?.AsArray() ?? []))
        {
            foreach (var part in Parts(composed!))
            {
                yield return part;
            }
        }
    }
}
