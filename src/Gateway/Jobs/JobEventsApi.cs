using System.Text.Json;
using AutoScale.Gateway.Auth;
using AutoScale.Gateway.Captions;
using AutoScale.Grains.Jobs;
using AutoScale.Interfaces.Jobs;
using Microsoft.Extensions.Options;

namespace AutoScale.Gateway.Jobs;

/// <summary>
/// <c>GET /v1/jobs/{id}/events</c>: server-sent events — <c>progress</c> on every change, <c>chunk</c> for each
/// finished chunk, and one final <c>succeeded</c>/<c>failed</c>/<c>cancelled</c> event with the job, then the end.
/// </summary>
public static class JobEventsApi
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapJobEventsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/jobs/{id}/events", StreamAsync).RequireAuthorization(AuthPolicies.Tenant)
            .WithTags("Jobs").WithName("JobEvents").WithSummary("Progress of a job as server-sent events.");
        return routes;
    }

    private static async Task<IResult> StreamAsync(
        string id, HttpContext context, IGrainFactory grains, JobStore store, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        if (await JobsApi.FindOwnJobAsync(id, context, grains) is not { } job)
        {
            return Problems.Problem.NotFound("job");
        }

        var cancellation = context.RequestAborted;
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        var grain = grains.GetGrain<IJobGrain>(job.Id);
        var announced = new HashSet<int>();
        var version = -1;
        try
        {
            while (true)
            {
                if (job.Version != version)
                {
                    version = job.Version;
                    var finished = await store.LoadFinishedChunksAsync(job.Id, cancellation);
                    var starts = JobWords.Starts(finished);
                    foreach (var chunk in finished.Where(c => announced.Add(c.Sequence)))
                    {
                        // Word times count from the chunk's start; startsAt places it in the job's audio once every chunk before it is done.
                        await WriteAsync(response, "chunk", new
                        {
                            sequence = chunk.Sequence,
                            audioSeconds = chunk.Seconds,
                            startsAt = starts[chunk.Sequence],
                            words = chunk.Words.Select(w => new { word = w.Text, start = Math.Round(w.Start, 3), end = Math.Round(w.End, 3) }),
                        }, json.Value.SerializerOptions, cancellation);
                    }

                    await WriteAsync(response, "progress", new
                    {
                        status = job.Status.ToWireName(),
                        chunksDone = job.ChunksDone,
                        chunksTotal = job.ChunksTotal,
                        audioSeconds = job.AudioSeconds,
                    }, json.Value.SerializerOptions, cancellation);
                }

                if (job.Status.IsTerminal())
                {
                    await WriteAsync(response, job.Status.ToWireName(), JobResponse.From(job), json.Value.SerializerOptions, cancellation);
                    return Results.Empty;
                }

                job = await grain.WaitForChangeAsync(version, Heartbeat) ?? job;
                if (job.Version == version)
                {
                    await response.WriteAsync(": keep-alive\n\n", cancellation);
                    await response.Body.FlushAsync(cancellation);
                }
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return Results.Empty;
        }
    }

    private static async Task WriteAsync(HttpResponse response, string name, object data, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        await response.WriteAsync($"event: {name}\ndata: {JsonSerializer.Serialize(data, options)}\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
