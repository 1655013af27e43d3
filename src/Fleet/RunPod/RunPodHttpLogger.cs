using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;

namespace AutoScale.Fleet.RunPod;

/// <summary>
/// Logs each HTTP attempt to RunPod by method, path, status and time only. It replaces HttpClientFactory's default
/// logging, whose Trace-level header logs redact values in the message text but hand the raw <c>Authorization</c>
/// value (the API key) to structured sinks as a field.
/// </summary>
internal sealed partial class RunPodHttpLogger(ILogger<RunPodHttpLogger> logger) : IHttpClientLogger
{
    public object? LogRequestStart(HttpRequestMessage request) => null;

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed) =>
        LogAnswered(logger, request.Method, request.RequestUri?.AbsolutePath, (int)response.StatusCode, elapsed.TotalMilliseconds);

    public void LogRequestFailed(
        object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed) =>
        LogFailed(logger, request.Method, request.RequestUri?.AbsolutePath, exception.GetType().Name, exception.Message, elapsed.TotalMilliseconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "RunPod {Method} {Path}: {StatusCode} after {ElapsedMs:0} ms")]
    private static partial void LogAnswered(ILogger logger, HttpMethod method, string? path, int statusCode, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "RunPod {Method} {Path}: no answer ({Error}: {Reason}) after {ElapsedMs:0} ms")]
    private static partial void LogFailed(ILogger logger, HttpMethod method, string? path, string error, string reason, double elapsedMs);
}
