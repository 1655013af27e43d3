using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace AutoScale.Gateway.Problems;

/// <summary>
/// Reads a JSON request body with the gateway's own limits and errors: wrong content type and malformed JSON are
/// 400 problems naming the place, a body over <c>maxBytes</c> is a 413 problem.
/// </summary>
public static class JsonBody
{
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(
        HttpRequest request, long maxBytes, JsonSerializerOptions options, CancellationToken cancellationToken)
        where T : class
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !(mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                 || mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase)))
        {
            return (null, Problem.UnsupportedContentType(request.ContentType));
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, Problem.PayloadTooLarge(maxBytes));
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, cancellationToken);
            return value is null
                ? (null, Problem.MalformedJson("The body must be a JSON object, not null.", null))
                : (value, null);
        }
        catch (JsonException exception)
        {
            var field = string.IsNullOrEmpty(exception.Path) || exception.Path == "$" ? null : exception.Path.TrimStart('$', '.');
            var where = exception.LineNumber is { } line
                ? $" (line {line + 1}, byte {exception.BytePositionInLine + 1}{(field is null ? "" : $", field '{field}'")})"
                : "";
            return (null, Problem.MalformedJson($"The body could not be read as JSON{where}: {Describe(exception)}", field));
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problem.PayloadTooLarge(maxBytes));
        }
        catch (BadHttpRequestException exception)
        {
            // Kestrel gave up on the body (a client that trickles bytes then stops, a body shorter than announced):
            // the client's fault, so a 4xx problem, not the 500 an unhandled exception would become.
            return (null, Problem.IncompleteBody(exception.StatusCode));
        }
    }

    // System.Text.Json's messages name .NET types; say it in the client's terms instead where we can.
    private static string Describe(JsonException exception) =>
        exception.InnerException is InvalidOperationException || exception.Message.Contains("could not be converted", StringComparison.Ordinal)
            ? "a field has the wrong type."
            : exception.Message.Split(" Path:", 2)[0];
}
