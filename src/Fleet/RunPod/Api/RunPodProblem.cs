using System.Text.Json.Serialization;

namespace AutoScale.Fleet.RunPod.Api;

/// <summary>The spec's ErrorResponse (RFC 9457 problem details), sent as <c>application/problem+json</c>.</summary>
internal sealed record RunPodProblem(
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("status")] int? Status,
    [property: JsonPropertyName("detail")] string? Detail,
    [property: JsonPropertyName("errors")] IReadOnlyList<string>? Errors);
