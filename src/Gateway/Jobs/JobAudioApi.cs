using AutoScale.Artifacts;
using AutoScale.Audio;
using AutoScale.Gateway.Auth;
using AutoScale.Gateway.Problems;
using AutoScale.Grains.Jobs;
using AutoScale.Grains.Retention;
using AutoScale.Interfaces.Jobs;
using Microsoft.Extensions.Options;

namespace AutoScale.Gateway.Jobs;

/// <summary>
/// <c>GET /v1/jobs/{id}/audio</c>. While the job runs, its chunks are streamed in order as each is ready, encoded
/// into one file on the fly, until the last. Once it succeeded, the whole file — assembled once by streaming the
/// chunks through the encoder into the artifact store, never whole in memory — is answered with a redirect to a
/// presigned URL when the artifact store gives one (unless <c>?redirect=false</c>), else served with <c>Range</c>.
/// Every download holds the job against retention while it lasts (a redirect: for the URL's lifetime).
/// <c>?format=</c> and <c>?sampleRate=</c> ask for another format or rate than the job's (a finished file is made once
/// per format and rate).
/// </summary>
public static partial class JobAudioApi
{
    public static IEndpointRouteBuilder MapJobAudioApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/jobs/{id}/audio", GetAsync).RequireAuthorization(AuthPolicies.Tenant)
            .WithTags("Jobs").WithName("JobAudio")
            .WithSummary("The job's audio: progressive while it runs, the whole file with Range after (or a 302 to a presigned URL; ?redirect=false streams it); ?format= and ?sampleRate= override the job's.");
        return routes;
    }

    private static async Task<IResult> GetAsync(
        string id, string? redirect, string? format, int? sampleRate, HttpContext context, IGrainFactory grains, JobStore store, IArtifactStore artifacts,
        RetentionStore retention, IOptions<RetentionOptions> retentionOptions, IOptions<ArtifactOptions> artifactOptions,
        ILogger<DownloadHold> logger)
    {
        if (await JobsApi.FindOwnJobAsync(id, context, grains) is not { } job)
        {
            return Problem.NotFound("job");
        }

        if (job.Status is JobStatus.Failed or JobStatus.Cancelled)
        {
            return Problem.Create(StatusCodes.Status409Conflict, ProblemTypes.NoAudio, "The job has no audio.",
                $"The job is {job.Status.ToWireName()}; only queued, running and succeeded jobs have audio.");
        }

        if (!TryParseRedirect(redirect, out var mayRedirect))
        {
            return Problem.Validation("redirect", $"redirect must be true or false, not '{redirect}'.");
        }

        format ??= job.Format;
        sampleRate ??= job.SampleRate;
        if (AudioFormats.Problem(format, sampleRate) is var (field, message))
        {
            return Problem.Validation(field, message);
        }

        // Held before anything is read, so a retention sweep cannot take the artifacts from under this response.
        if (await DownloadHold.TakeAsync(retention, job.Id, retentionOptions.Value.DownloadHold, logger, context.RequestAborted) is not { } hold)
        {
            return Problem.NotFound("job"); // claimed by a retention sweep: it is being removed
        }

        context.Response.RegisterForDisposeAsync(hold);
        var audioFormat = AudioFormat.Parse(format);
        if (job.Status == JobStatus.Succeeded)
        {
            var chunks = await store.LoadFinishedChunksAsync(job.Id, context.RequestAborted);
            var key = await EnsureFinalFileAsync(job, chunks, audioFormat, sampleRate, artifacts, context.RequestAborted);
            var contentType = audioFormat.ContentType(sampleRate ?? chunks[0].SampleRate);
            var fileName = $"{job.Id}{audioFormat.FileExtension}";
            var lifetime = TimeSpan.FromSeconds(artifactOptions.Value.S3.PresignedSeconds);
            if (mayRedirect && await artifacts.PresignDownloadAsync(key, lifetime, contentType, fileName, context.RequestAborted) is { } url)
            {
                await hold.ExtendAsync(lifetime, context.RequestAborted);
                context.Response.Headers.CacheControl = "no-store";
                return Results.Redirect(url.AbsoluteUri);
            }

            var file = await artifacts.OpenReadAsync(key, context.RequestAborted)
                ?? throw new InvalidOperationException($"The assembled audio of job {job.Id} vanished.");
            return Results.Stream(file, contentType, fileName, enableRangeProcessing: true);
        }

        if (await ProgressiveJobAudio.StreamAsync(job, audioFormat, context, grains.GetGrain<IJobGrain>(job.Id), store, artifacts, sampleRate)
            == ProgressiveAudioOutcome.EndedBeforeAudio)
        {
            // The file cannot be completed: cut the connection so the client does not take it for whole.
            context.Abort();
        }

        return Results.Empty;
    }

    private static bool TryParseRedirect(string? value, out bool redirect)
    {
        redirect = true;
        return value is null || bool.TryParse(value, out redirect);
    }

    /// <summary>The key of the job's whole file in this format and rate, assembled first when it is not stored yet.</summary>
    private static async Task<string> EnsureFinalFileAsync(
        JobSnapshot job, IReadOnlyList<FinishedChunk> chunks, AudioFormat format, int? sampleRate, IArtifactStore artifacts, CancellationToken cancellationToken)
    {
        var extension = format.FileExtension.TrimStart('.');
        var key = ArtifactKeys.Final(job.Id, sampleRate is { } rate ? $"{rate}.{extension}" : extension);
        if (await artifacts.ExistsAsync(key, cancellationToken))
        {
            return key;
        }

        var temporary = Path.Combine(Path.GetTempPath(), $"autoscale-{job.Id:N}-{Guid.NewGuid():N}{format.FileExtension}");
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, useAsync: true))
            {
                await using (var encoder = AudioEncoders.Create(format, chunks[0].SampleRate, file, chunks.Sum(c => c.Samples), outputSampleRate: sampleRate))
                {
                    foreach (var chunk in chunks)
                    {
                        await using var audio = await artifacts.OpenReadAsync(chunk.ArtifactKey, cancellationToken)
                            ?? throw new InvalidOperationException($"The audio of chunk {chunk.Sequence} of job {job.Id} is missing.");
                        await ChunkAudio.CopySamplesAsync(audio, encoder, cancellationToken);
                    }

                    await encoder.CompleteAsync(cancellationToken);
                }

                file.Position = 0;
                await artifacts.WriteAsync(key, file, cancellationToken);
            }
        }
        finally
        {
            File.Delete(temporary);
        }

        return key;
    }
}
