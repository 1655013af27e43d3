using System.Net;
using System.Net.Http.Headers;

namespace AutoScale.Models.HuggingFace;

/// <summary>
/// The hub answered a file's URL with an error; the message is one line naming the file, the status and the hub's
/// <c>X-Error-Code</c>, and what to do. <see cref="RepositoryWide"/> when every other file would get the same answer
/// (no access, no such repository or revision), so the run stops instead of repeating it for every file.
/// </summary>
public sealed class HubRefusedException(string message, bool repositoryWide) : Exception(message)
{
    public bool RepositoryWide { get; } = repositoryWide;

    public static HubRefusedException From(HttpResponseMessage response, string path, string repository, string revision)
    {
        var status = (int)response.StatusCode;
        var code = Header(response.Headers, "X-Error-Code");
        var hubMessage = Header(response.Headers, "X-Error-Message");
        var answer = code is null ? $"{status}" : $"{status} {code}";
        var repositoryWide = status is 401 or 403 || code is "RepoNotFound" or "RevisionNotFound" or "GatedRepo";
        var sentence = (response.StatusCode, code) switch
        {
            (HttpStatusCode.Unauthorized, _) =>
                $"the hub refused access ({answer}): set HF_TOKEN to a token that may read {repository}",
            (HttpStatusCode.Forbidden, _) =>
                $"the hub refused access ({answer}): {hubMessage ?? $"ask for access to {repository} with the account of HF_TOKEN"}",
            (_, "EntryNotFound") => $"not found in {repository} at {revision} ({answer})",
            (_, "RevisionNotFound") => $"revision {revision} not found in {repository} ({answer})",
            (_, "RepoNotFound") => $"{repository} not found, or private and HF_TOKEN may not read it ({answer})",
            _ => $"the hub answered {answer} {response.ReasonPhrase}{(hubMessage is null ? "" : $": {hubMessage}")}",
        };
        return new HubRefusedException($"{path}: {sentence}", repositoryWide);
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? string.Join(' ', values) : null;
}
