using AutoScale.Interfaces;
using AutoScale.Gateway.Problems;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace AutoScale.Gateway.Hosting;

/// <summary>
/// Every error is problem+json without internals: an unknown route is a 404 problem, an outage of the database or
/// the cluster a 503 that asks to retry, anything else a 500 that says only that it was logged.
/// </summary>
public sealed partial class GatewayErrorHandling(ILogger<GatewayErrorHandling> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException badRequest)
        {
            // Kestrel refused the request (a body too slow, too short or too large): the client's fault, not ours.
            await (badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? Problem.Create(badRequest.StatusCode, ProblemTypes.PayloadTooLarge, "The body is too large.", "Send a smaller body.")
                : Problem.IncompleteBody(badRequest.StatusCode)).ExecuteAsync(context);
            return true;
        }

        var unavailable = exception is NpgsqlException or DatabaseUnavailableException or TimeoutException or SiloUnavailableException or OrleansMessageRejectionException;
        LogFailed(exception, context.Request.Method, context.Request.Path);
        var result = unavailable
            ? Problem.Create(StatusCodes.Status503ServiceUnavailable, ProblemTypes.Unavailable, "Temporarily unavailable.",
                "A backing service (database or cluster) did not answer. Retry shortly.")
            : Problem.Create(StatusCodes.Status500InternalServerError, ProblemTypes.Internal, "Internal error.",
                $"The error was logged with trace id {context.TraceIdentifier}.");
        if (unavailable)
        {
            context.Response.Headers.RetryAfter = "2";
        }

        await result.ExecuteAsync(context);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    private partial void LogFailed(Exception exception, string method, string path);
}
