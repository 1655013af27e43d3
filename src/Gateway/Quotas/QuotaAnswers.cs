using System.Globalization;
using AutoScale.Gateway.Problems;
using AutoScale.Gateway.Speech;
using AutoScale.Interfaces.Quotas;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AutoScale.Gateway.Quotas;

/// <summary>
/// A quota's refusal as each route answers errors: problem+json on <c>/v1/jobs</c>, OpenAI's shape on the speech route;
/// both 429 with <c>code: quota_exceeded</c>, the quota's name, and <c>Retry-After</c> when waiting helps.
/// </summary>
public static class QuotaAnswers
{
    public const string Code = "quota_exceeded";

    public static ProblemHttpResult Problem(QuotaRefusal refusal, HttpResponse response)
    {
        SetRetryAfter(refusal, response);
        return Problems.Problem.Create(StatusCodes.Status429TooManyRequests, ProblemTypes.QuotaExceeded, "Over a quota.", Describe(refusal),
            new Dictionary<string, object?>
            {
                ["code"] = Code,
                ["quota"] = refusal.Quota,
                ["limit"] = refusal.Limit,
                ["used"] = refusal.Used,
                ["requested"] = refusal.Requested,
                ["resetsAt"] = refusal.ResetsAt,
            });
    }

    public static JsonHttpResult<OpenAiError> OpenAi(QuotaRefusal refusal, HttpResponse response)
    {
        SetRetryAfter(refusal, response);
        return OpenAiErrors.Create(StatusCodes.Status429TooManyRequests, Describe(refusal), "insufficient_quota", null, Code);
    }

    /// <summary>One sentence: which quota, what was asked and used, and when it resets or what to do instead.</summary>
    public static string Describe(QuotaRefusal refusal) => refusal.Quota switch
    {
        QuotaName.MaxJobCharacters => Invariant(
            $"This job has {refusal.Requested:N0} characters; the tenant's maxJobCharacters quota is {refusal.Limit:N0}. Split the text into smaller jobs."),
        QuotaName.ConcurrentJobs => Invariant(
            $"The tenant already has {refusal.Used:N0} jobs queued or running, its concurrentJobs quota of {refusal.Limit:N0}. Retry when one ends."),
        _ when refusal.ResetsAt is null => Invariant(
            $"This job's {refusal.Requested:N0} characters are more than the whole {refusal.Quota} quota of {refusal.Limit:N0}. Split the text or ask for a larger quota."),
        _ => Invariant(
            $"This job's {refusal.Requested:N0} characters would pass the {refusal.Quota} quota of {refusal.Limit:N0} ({refusal.Used:N0} used). It resets at {refusal.ResetsAt:yyyy-MM-dd'T'HH:mm:ss'Z'}."),
    };

    private static void SetRetryAfter(QuotaRefusal refusal, HttpResponse response)
    {
        if (refusal.RetryAfter is { } wait)
        {
            response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
