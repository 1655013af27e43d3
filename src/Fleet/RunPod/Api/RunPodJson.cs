using System.Text.Json;
using System.Text.Json.Serialization;
using Refit;

namespace AutoScale.Fleet.RunPod.Api;

/// <summary>How the client reads and writes RunPod's JSON.</summary>
internal static class RunPodJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static RefitSettings RefitSettings() => new(new SystemTextJsonContentSerializer(Options))
    {
        // An ApiException keeps the live request; take the bearer token off it before anyone can log or inspect it.
        ExceptionRedactor = exception => exception.RequestMessage.Headers.Authorization = null,
    };
}
