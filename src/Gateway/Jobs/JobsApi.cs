using AutoScale.Gateway.Auth;
using AutoScale.Gateway.Hosting;
using AutoScale.Gateway.Problems;
using AutoScale.Gateway.Quotas;
using AutoScale.Grains.Jobs;
using AutoScale.Interfaces.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AutoScale.Gateway.Jobs;

/// <summary><c>/v1/jobs</c>: submit, read, list and cancel a tenant's jobs.</summary>
public static class JobsApi
{
    private const int DefaultPageSize = 20;
    private const int MaxPageSize = 100;

    public static string JobPath(Guid id) => $"/v1/jobs/{id}";

    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder routes)
    {
        var jobs = routes.MapGroup("/v1/jobs").RequireAuthorization(AuthPolicies.Tenant).WithTags("Jobs");
        jobs.MapPost("/", SubmitAsync).WithName("SubmitJob")
            .WithSummary("Submit text to speak; the job is durable before the 202.")
            .DocumentJsonBody<CreateJobRequest>();
        jobs.MapGet("/", ListAsync).WithName("ListJobs").WithSummary("The caller's jobs, newest first, a page at a time.");
        jobs.MapGet("/{id}", GetAsync).WithName("GetJob").WithSummary("One job.");
        jobs.MapDelete("/{id}", CancelAsync).WithName("CancelJob").WithSummary("Cancel a job; idempotent.");
        return routes;
    }

    private static async Task<Results<Accepted<JobResponse>, ProblemHttpResult>> SubmitAsync(
        HttpContext context,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        IGrainFactory grains,
        JobStore store,
        JobRequestValidator validator,
        IOptions<JobsOptions> options,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        var cancellation = context.RequestAborted;
        var (body, problem) = await JsonBody.ReadAsync<CreateJobRequest>(
            context.Request, options.Value.EffectiveMaxRequestBytes, json.Value.SerializerOptions, cancellation);
        if (problem is not null)
        {
            return problem;
        }

        var tenantId = context.User.TenantId();
        var validation = validator.Validate(tenantId, body!, idempotencyKey);
        if (validation.Request is not { } request)
        {
            return Problem.Validation(validation.Field!, validation.Error!);
        }

        if (request.IdempotencyKey is { } key && await store.FindByIdempotencyKeyAsync(tenantId, key, cancellation) is { } earlier)
        {
            return await ReplayAsync(grains, earlier.JobId, earlier.Fingerprint, request);
        }

        var result = await grains.GetGrain<IJobGrain>(Guid.CreateVersion7()).SubmitAsync(request);
        if (result.Refusal is { } refusal)
        {
            return QuotaAnswers.Problem(refusal, context.Response);
        }

        if (result.ExistingJobId is { } existing)
        {
            // A concurrent request with the same key won the race; answer with its job.
            var holder = await store.FindByIdempotencyKeyAsync(tenantId, request.IdempotencyKey!, cancellation);
            return await ReplayAsync(grains, existing, holder?.Fingerprint, request);
        }

        return Accepted(result.Job!);
    }

    private static async Task<Results<Accepted<JobResponse>, ProblemHttpResult>> ReplayAsync(
        IGrainFactory grains, Guid jobId, string? storedFingerprint, JobRequest request)
    {
        if (!string.Equals(storedFingerprint, request.RequestFingerprint, StringComparison.Ordinal))
        {
            return Problem.IdempotencyKeyReused();
        }

        var job = await grains.GetGrain<IJobGrain>(jobId).GetAsync()
                  ?? throw new InvalidOperationException($"Job {jobId} holds an idempotency key but cannot be read.");
        return Accepted(job);
    }

    private static Accepted<JobResponse> Accepted(JobSnapshot job) =>
        TypedResults.Accepted(JobPath(job.Id), JobResponse.From(job));

    private static async Task<Results<Ok<JobResponse>, ProblemHttpResult>> GetAsync(
        string id, HttpContext context, IGrainFactory grains)
    {
        var job = await FindOwnJobAsync(id, context, grains);
        return job is null ? Problem.NotFound("job") : TypedResults.Ok(JobResponse.From(job));
    }

    private static async Task<Results<Accepted<JobResponse>, ProblemHttpResult>> CancelAsync(
        string id, HttpContext context, IGrainFactory grains)
    {
        if (await FindOwnJobAsync(id, context, grains) is not { } job)
        {
            return Problem.NotFound("job");
        }

        var transition = await grains.GetGrain<IJobGrain>(job.Id).CancelAsync();
        return TypedResults.Accepted(JobPath(job.Id), JobResponse.From(transition.Job));
    }

    private static async Task<Results<Ok<JobPage>, ProblemHttpResult>> ListAsync(
        HttpContext context, JobStore store, string? status, string? limit, string? cursor)
    {
        JobStatus? statusFilter = null;
        if (status is not null)
        {
            if (!JobStatusExtensions.TryParseWireName(status, out var parsed))
            {
                return Problem.Validation("status", $"Unknown status '{status}'. Use queued, running, succeeded, failed or cancelled.");
            }

            statusFilter = parsed;
        }

        var pageSize = DefaultPageSize;
        if (limit is not null && (!int.TryParse(limit, out pageSize) || pageSize is < 1 or > MaxPageSize))
        {
            return Problem.Validation("limit", $"Limit must be a whole number from 1 to {MaxPageSize}.");
        }

        JobPageCursor? after = null;
        if (cursor is not null && !JobPageCursor.TryDecode(cursor, out after))
        {
            return Problem.Validation("cursor", "The cursor is not one this API gave out; pass nextCursor from the previous page unchanged.");
        }

        var rows = await store.ListAsync(context.User.TenantId(), statusFilter, pageSize, after, context.RequestAborted);
        var page = rows.Take(pageSize).ToList();
        var next = rows.Count > pageSize ? new JobPageCursor(page[^1].CreatedAt, page[^1].Id).Encode() : null;
        return TypedResults.Ok(new JobPage([.. page.Select(JobResponse.From)], next));
    }

    // Another tenant's job answers exactly like a job that does not exist.
    internal static async Task<JobSnapshot?> FindOwnJobAsync(string id, HttpContext context, IGrainFactory grains)
    {
        if (!Guid.TryParse(id, out var jobId))
        {
            return null;
        }

        var job = await grains.GetGrain<IJobGrain>(jobId).GetAsync();
        return job is not null && job.TenantId == context.User.TenantId() ? job : null;
    }
}
