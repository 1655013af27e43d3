using Microsoft.AspNetCore.Http.HttpResults;

namespace AutoScale.Gateway.Problems;

/// <summary>Factories for every problem response the API gives, so each has one stable type, title and status.</summary>
public static class Problem
{
    /// <summary>400: a field of the request is wrong. <paramref name="field"/> is its JSON name (or a header's name).</summary>
    public static ProblemHttpResult Validation(string field, string detail) => Create(
        StatusCodes.Status400BadRequest, ProblemTypes.Validation, "The request is not valid.", detail,
        new Dictionary<string, object?> { ["field"] = field, ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } });

    public static ProblemHttpResult MalformedJson(string detail, string? field) => Create(
        StatusCodes.Status400BadRequest, ProblemTypes.MalformedJson, "The body is not valid JSON for this request.", detail,
        field is null ? null : new Dictionary<string, object?> { ["field"] = field });

    public static ProblemHttpResult UnsupportedContentType(string? contentType) => Create(
        StatusCodes.Status400BadRequest, ProblemTypes.UnsupportedContentType, "The body must be JSON.",
        $"Send the body as 'Content-Type: application/json' (got '{contentType ?? "none"}').",
        new Dictionary<string, object?> { ["field"] = "Content-Type" });

    public static ProblemHttpResult PayloadTooLarge(long limit) => Create(
        StatusCodes.Status413PayloadTooLarge, ProblemTypes.PayloadTooLarge, "The body is too large.",
        $"Bodies are limited to {limit} bytes.");

    /// <summary>A body Kestrel stopped reading: it came too slowly (408) or was cut short or badly framed (400).</summary>
    public static ProblemHttpResult IncompleteBody(int status) => Create(
        status == StatusCodes.Status408RequestTimeout ? status : StatusCodes.Status400BadRequest, ProblemTypes.IncompleteBody,
        "The body did not arrive in full.",
        "The request body came too slowly, ended before its Content-Length or was badly framed. Send the whole body at once.");

    public static ProblemHttpResult NotFound(string what) => Create(
        StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Not found.", $"No {what} with this id exists for your key.");

    public static ProblemHttpResult IdempotencyKeyReused() => Create(
        StatusCodes.Status422UnprocessableEntity, ProblemTypes.IdempotencyKeyReused, "The Idempotency-Key was used for another request.",
        "This Idempotency-Key already belongs to a job submitted with a different body. Use a new key for a new job.",
        new Dictionary<string, object?> { ["field"] = "Idempotency-Key" });

    public static ProblemHttpResult Create(
        int status, string type, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: type, extensions: extensions);
}
