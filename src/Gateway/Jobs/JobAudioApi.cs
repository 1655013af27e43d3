using AutoScale.Audio;
using AutoScale.Cluster.Artifacts;
using AutoScale.Gateway.Auth;
using AutoScale.Gateway.Problems;
using AutoScale.Grains.Jobs;
using AutoScale.Interfaces.Jobs;

namespace AutoScale.Gateway.Jobs;

/// <summary>
/// <c>GET /v1/jobs/{id}/audio</c>. While the job runs, its chunks are streamed in order as each is ready, encoded
/// into one file on the fly, until the last. Once it succeeded, the whole file — assembled once by streaming the
/// chunks through the encoder into the artifact store, never whole in memory — is served with <c>Range</c>.
/// </summary>
public static partial class JobAudioApi
{
    public static IEndpointRouteBuilder MapJobAudioApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/jobs/{id}/audio", GetAsync).RequireAuthorization(AuthPolicies.Tenant)
            .WithTags("Jobs").WithName("JobAudio").WithSummary("The job's audio: progressive while it runs, the whole file with Range after.");
        return routes;
    }

    private static async Task<IResult> GetAsync(
        string id, HttpContext context, IGrainFactory grains, JobStore store, IArtifactStore artifacts)
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

        var format = AudioFormat.Parse(job.Format);
        if (job.Status == JobStatus.Succeeded)
        {
            var chunks = await store.LoadFinishedChunksAsync(job.Id, context.RequestAborted);
            var file = await OpenFinalFileAsync(job, chunks, format, artifacts, context.RequestAborted);
            return Results.Stream(file, format.ContentType(chunks[0].SampleRate), $"{job.Id}.{format.FileExtension}", enableRangeProcessing: true);
        }

        if (await ProgressiveJobAudio.StreamAsync(job, format, context, grains.GetGrain<IJobGrain>(job.Id), store, artifacts)
            == ProgressiveAudioOutcome.EndedBeforeAudio)
        {
            // The file cannot be completed: cut the connection so the client does not take it for whole.
            context.Abort();
        }

        return Results.Empty;
    }

    private static async Task<Stream> OpenFinalFileAsync(
        JobSnapshot job, IReadOnlyList<FinishedChunk> chunks, AudioFormat format, IArtifactStore artifacts, CancellationToken cancellationToken)
    {
        var key = ArtifactKeys.Final(job.Id, format.FileExtension);
        if (await artifacts.OpenReadAsync(key, cancellationToken) is { } existing)
        {
            return existing;
        }

        var temporary = Path.Combine(Path.GetTempPath(), $"autoscale-{job.Id:N}-{Guid.NewGuid():N}.{format.FileExtension}");
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, useAsync: true))
            {
                await using (var encoder = AudioEncoders.Create(format, chunks[0].SampleRate, file, chunks.Sum(c => c.Samples)))
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

        return await artifacts.OpenReadAsync(key, cancellationToken)
            ?? throw new InvalidOperationException($"The assembled audio of job {job.Id} vanished.");
    }
}
