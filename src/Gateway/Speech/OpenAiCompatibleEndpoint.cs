namespace AutoScale.Gateway.Speech;

/// <summary>
/// Endpoint metadata marking a route whose errors are in OpenAI's shape, so that the gateway-wide pieces that answer
/// before the handler runs (the rate limiter) can answer in that shape too.
/// </summary>
public sealed class OpenAiCompatibleEndpoint
{
    public static OpenAiCompatibleEndpoint Instance { get; } = new();

    public static bool Marks(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<OpenAiCompatibleEndpoint>() is not null;
}
