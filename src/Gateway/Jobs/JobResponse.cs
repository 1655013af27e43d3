using System.Text.Json;
using AutoScale.Interfaces.Jobs;

namespace AutoScale.Gateway.Jobs;

/// <summary>The job body of <c>http-api.md</c>, plus the request's speed, priority, webhook and metadata.</summary>
public sealed record JobResponse(
    string Id,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string Voice,
    string Model,
    string Format,
    double Speed,
    string Priority,
    int Characters,
    JobProgress Progress,
    double AudioSeconds,
    double GpuSeconds,
    decimal CostUsd,
    JobErrorBody? Error,
    string? WebhookUrl,
    JsonElement? Metadata,
    JobLinks Links,
    [property: System.ComponentModel.Description("The sample rate the audio is delivered at; null: the engine's own (eSpeak 22050, Kokoro 24000).")] int? SampleRate)
{
    public static JobResponse From(JobSnapshot job)
    {
        var self = JobsApi.JobPath(job.Id);
        return new JobResponse(
            job.Id.ToString(),
            job.Status.ToWireName(),
            job.CreatedAt,
            job.StartedAt,
            job.FinishedAt,
            job.Voice,
            job.Model,
            job.Format,
            job.Speed,
            job.Priority.ToWireName(),
            job.Characters,
            new JobProgress(job.ChunksTotal, job.ChunksDone),
            job.AudioSeconds,
            job.GpuSeconds,
            Normalize(job.CostUsd),
            job.Error is null ? null : new JobErrorBody(job.Error.Code, job.Error.Message),
            job.WebhookUrl,
            job.MetadataJson is null ? null : JsonDocument.Parse(job.MetadataJson).RootElement,
            new JobLinks(self, self + "/audio", self + "/events"),
            job.SampleRate);
    }

    // numeric(14,6) reads back as 0.000000; dividing by a 1 with many zeros drops trailing zeros, so a job's cost
    // prints the same whether it came from the grain's memory or from the database.
    private static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;
}

public sealed record JobProgress(int ChunksTotal, int ChunksDone);

public sealed record JobErrorBody(string Code, string Message);

public sealed record JobLinks(string Self, string Audio, string Events);

public sealed record JobPage(IReadOnlyList<JobResponse> Items, string? NextCursor);
