using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AutoScale.Gateway.Speech;

/// <summary>
/// The errors of the OpenAI-compatible routes, in OpenAI's shape rather than problem+json, because OpenAI's client
/// libraries read <c>error.message</c> and <c>error.code</c> from the body to build the exception they throw.
/// </summary>
public static class OpenAiErrors
{
    public const string InvalidRequest = "invalid_request_error";
    public const string ServerError = "server_error";

    public static JsonHttpResult<OpenAiError> BadRequest(string message, string? param, string? code = null) =>
        Create(StatusCodes.Status400BadRequest, message, InvalidRequest, param, code);

    public static JsonHttpResult<OpenAiError> ModelNotFound(string model, IEnumerable<string> known) =>
        Create(StatusCodes.Status404NotFound, $"The model '{model}' does not exist. Known models: {string.Join(", ", known)}.",
            InvalidRequest, "model", "model_not_found");

    public static JsonHttpResult<OpenAiError> Unauthorized(bool keyGiven) => Create(
        StatusCodes.Status401Unauthorized,
        keyGiven ? "Incorrect API key provided." : "You didn't provide an API key. Send it as 'Authorization: Bearer <key>'.",
        InvalidRequest, null, "invalid_api_key");

    public static JsonHttpResult<OpenAiError> Forbidden() => Create(
        StatusCodes.Status403Forbidden, "The admin key administers the service; ask for speech with a tenant key.",
        InvalidRequest, null, "permission_denied");

    public static JsonHttpResult<OpenAiError> RateLimited(int retryAfterSeconds) => Create(
        StatusCodes.Status429TooManyRequests,
        string.Create(CultureInfo.InvariantCulture, $"This tenant is over its request rate. Retry after {retryAfterSeconds} s."),
        "requests", null, "rate_limit_exceeded");

    public static JsonHttpResult<OpenAiError> SpeechFailed(string? reason) => Create(
        StatusCodes.Status500InternalServerError,
        $"The speech could not be made{(reason is null ? "." : $": {reason}")}", ServerError, null, null);

    /// <summary>No worker can speak this model, and none can be had: at once, with the reason <c>GET /v1/models</c> gives.</summary>
    public static JsonHttpResult<OpenAiError> ModelUnavailable(string model, string reason) => Create(
        StatusCodes.Status503ServiceUnavailable, $"Model '{model}' cannot be served now: {reason}.", ServerError, "model", ModelUnavailableCode);

    /// <summary>A worker for the model is starting but was not ready within the wait; the job was cancelled.</summary>
    public static JsonHttpResult<OpenAiError> NoWorkerYet(string model, int waitedSeconds, int retryAfterSeconds) => Create(
        StatusCodes.Status503ServiceUnavailable,
        string.Create(CultureInfo.InvariantCulture,
            $"No worker for model '{model}' was ready within {waitedSeconds} s; one is starting. Retry after {retryAfterSeconds} s."),
        ServerError, "model", ModelUnavailableCode);

    public const string ModelUnavailableCode = "model_unavailable";

    /// <summary>The same error as a problem the shared body reader gave (malformed JSON, wrong content type, too large).</summary>
    public static JsonHttpResult<OpenAiError> FromProblem(ProblemHttpResult problem)
    {
        var details = problem.ProblemDetails;
        var param = details.Extensions.TryGetValue("field", out var field) ? field?.ToString() : null;
        return Create(problem.StatusCode, details.Detail ?? details.Title ?? "The request is not valid.", InvalidRequest, param, null);
    }

    public static JsonHttpResult<OpenAiError> Create(int status, string message, string type, string? param, string? code) =>
        TypedResults.Json(new OpenAiError(new OpenAiErrorDetail(message, type, param, code)), statusCode: status);
}
