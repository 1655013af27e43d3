using System.Text.Json.Serialization;

namespace AutoScale.Engines.Kokoro.Parity;

/// <summary>One entry of the parity fixture's <c>index.json</c>: a little-endian raw array in <see cref="File"/>.</summary>
internal sealed record FixtureArray(
    [property: JsonPropertyName("dtype")] string DType,
    [property: JsonPropertyName("shape")] long[] Shape,
    [property: JsonPropertyName("file")] string File);
