namespace AutoScale.Gateway.Problems;

/// <summary>The stable <c>type</c> URIs of the gateway's problem responses (RFC 9457). Clients may switch on them.</summary>
public static class ProblemTypes
{
    private const string Base = "https://autoscale.dev/problems/";

    public const string Validation = Base + "validation";
    public const string MalformedJson = Base + "malformed-json";
    public const string UnsupportedContentType = Base + "unsupported-content-type";
    public const string PayloadTooLarge = Base + "payload-too-large";
    public const string IncompleteBody = Base + "incomplete-body";
    public const string Unauthorized = Base + "unauthorized";
    public const string Forbidden = Base + "forbidden";
    public const string NotFound = Base + "not-found";
    public const string RateLimited = Base + "rate-limited";
    public const string QuotaExceeded = Base + "quota-exceeded";
    public const string IdempotencyKeyReused = Base + "idempotency-key-reused";
    public const string TooManyKeys = Base + "too-many-keys";
    public const string Unavailable = Base + "unavailable";
    public const string Internal = Base + "internal";
    public const string NoAudio = Base + "no-audio";
}
