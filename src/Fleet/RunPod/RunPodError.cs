using System.Net;
using System.Text.Json;
using AutoScale.Fleet.RunPod.Api;
using Refit;

namespace AutoScale.Fleet.RunPod;

/// <summary>
/// What RunPod answered to a failed call, reduced to what may be shown: the status and the problem's title, detail
/// and validation errors. Nothing of the request (its headers carry the API key) is kept.
/// </summary>
internal sealed record RunPodError(HttpStatusCode Status, string Summary)
{
    private const int MaxTextLength = 400;

    public int Code => (int)Status;

    public static async Task<RunPodError> ReadAsync(ApiException exception, string secret)
    {
        var problem = await ReadProblemAsync(exception);
        var parts = new[] { problem?.Title, problem?.Detail }
            .Concat(problem?.Errors ?? [])
            .Where(part => !string.IsNullOrWhiteSpace(part))
            .Distinct(StringComparer.Ordinal);
        var text = string.Join("; ", parts);
        if (text.Length == 0)
        {
            text = exception.ReasonPhrase ?? exception.StatusCode.ToString();
        }

        text = Redact(text.Length > MaxTextLength ? text[..MaxTextLength] + "…" : text, secret);
        return new RunPodError(exception.StatusCode, $"HTTP {(int)exception.StatusCode}: {text}");
    }

    /// <summary>The server's own words could in theory quote the key back; never pass it on.</summary>
    public static string Redact(string text, string secret) =>
        string.IsNullOrEmpty(secret) ? text : text.Replace(secret, "***", StringComparison.Ordinal);

    public override string ToString() => Summary;

    private static async Task<RunPodProblem?> ReadProblemAsync(ApiException exception)
    {
        if (!exception.HasContent)
        {
            return null;
        }

        try
        {
            return await exception.GetContentAsAsync<RunPodProblem>();
        }
        catch (JsonException)
        {
            // A proxy's HTML error page, not a problem document: the status alone will have to do.
            return null;
        }
    }
}
