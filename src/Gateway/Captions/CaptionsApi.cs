using System.Globalization;
using AutoScale.Gateway.Auth;
using AutoScale.Gateway.Jobs;
using AutoScale.Gateway.Problems;
using AutoScale.Grains.Jobs;

namespace AutoScale.Gateway.Captions;

/// <summary>
/// <c>GET /v1/jobs/{id}/captions?format=json|vtt|srt</c>: the job's words with their times, as a JSON list or as
/// captions. While the job runs, it gives what is known so far: the words of its finished chunks up to the first one
/// that is not (header <c>X-Captioned-Chunks: done/total</c>).
/// </summary>
public static class CaptionsApi
{
    public const string CaptionedChunksHeader = "X-Captioned-Chunks";

    private static readonly string[] Formats = ["json", "vtt", "srt"];

    public static IEndpointRouteBuilder MapCaptionsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/jobs/{id}/captions", GetAsync).RequireAuthorization(AuthPolicies.Tenant)
            .WithTags("Jobs").WithName("JobCaptions")
            .WithSummary("The job's words with their times: json ([{word, start, end, chunk}]), vtt (WebVTT) or srt (SubRip); progressive while it runs.")
            .Produces<IReadOnlyList<WordTime>>(StatusCodes.Status200OK)
            .Produces(StatusCodes.Status200OK, contentType: "text/vtt", additionalContentTypes: ["application/x-subrip"]);
        return routes;
    }

    private static async Task<IResult> GetAsync(string id, string? format, HttpContext context, IGrainFactory grains, JobStore store)
    {
        format ??= "json";
        if (!Formats.Contains(format))
        {
            return Problem.Validation("format", $"Unknown captions format '{format}'. Use one of: {string.Join(", ", Formats)}.");
        }

        if (await JobsApi.FindOwnJobAsync(id, context, grains) is not { } job)
        {
            return Problem.NotFound("job");
        }

        var (words, chunks) = JobWords.Of(await store.LoadFinishedChunksAsync(job.Id, context.RequestAborted));
        context.Response.Headers[CaptionedChunksHeader] = string.Create(CultureInfo.InvariantCulture, $"{chunks}/{job.ChunksTotal}");
        context.Response.Headers.CacheControl = "no-store";
        return format switch
        {
            "vtt" => Results.Text(CaptionFormat.WebVtt(CaptionCues.Build(words)), CaptionFormat.VttContentType),
            "srt" => Results.Text(CaptionFormat.SubRip(CaptionCues.Build(words)), CaptionFormat.SrtContentType),
            _ => Results.Ok(words.Select(w => new WordTime(w.Word, Math.Round(w.Start, 3), Math.Round(w.End, 3), w.Chunk)).ToList()),
        };
    }
}

/// <summary>A word and when it is spoken in the job's audio, in seconds.</summary>
public sealed record WordTime(string Word, double Start, double End, int Chunk);
