using AutoScale.Gateway.Auth;
using AutoScale.Gateway.Problems;
using AutoScale.Grains.Jobs;
using AutoScale.Interfaces.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AutoScale.Gateway.Operators;

/// <summary><c>/admin/jobs</c> and <c>/admin/fleet/history</c>: what the /ops page shows beside the fleet and queue.</summary>
public static class OperatorsAdminApi
{
    private const int DefaultJobLimit = 25;
    private const int MaxJobLimit = 500;

    public static IEndpointRouteBuilder MapOperatorsAdminApi(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/admin").RequireAuthorization(AuthPolicies.Admin).WithTags("Fleet");
        admin.MapGet("/jobs", ListJobsAsync).WithName("ListAllJobs")
            .WithSummary("The newest jobs of every tenant, with progress.");
        admin.MapGet("/fleet/history", GetHistory).WithName("GetFleetHistory")
            .WithSummary("Backlog and workers per pool, sampled by this gateway over the last minutes (in memory, since it started).");
        return routes;
    }

    private static async Task<Results<Ok<AdminJobsResponse>, ProblemHttpResult>> ListJobsAsync(
        JobStore store, string? limit, CancellationToken cancellationToken)
    {
        var count = DefaultJobLimit;
        if (limit is not null && (!int.TryParse(limit, out count) || count is < 1 or > MaxJobLimit))
        {
            return Problem.Validation("limit", $"Limit must be a whole number from 1 to {MaxJobLimit}.");
        }

        var jobs = await store.ListNewestAcrossTenantsAsync(count, cancellationToken);
        return TypedResults.Ok(new AdminJobsResponse([.. jobs.Select(AdminJobResponse.From)]));
    }

    private static async Task<Results<Ok<FleetHistoryResponse>, ProblemHttpResult>> GetHistory(
        FleetHistory history, TimeProvider time, Microsoft.Extensions.Options.IOptions<OperatorOptions> options, string? minutes,
        CancellationToken cancellationToken)
    {
        var window = options.Value.HistoryMinutes;
        if (minutes is not null && (!int.TryParse(minutes, out window) || window < 1 || window > options.Value.HistoryMinutes))
        {
            return Problem.Validation("minutes", $"Minutes must be a whole number from 1 to {options.Value.HistoryMinutes} (Operators:HistoryMinutes).");
        }

        return TypedResults.Ok(new FleetHistoryResponse(
            options.Value.SampleSeconds, await history.SinceAsync(time.GetUtcNow().AddMinutes(-window), cancellationToken)));
    }
}

public sealed record AdminJobsResponse(IReadOnlyList<AdminJobResponse> Items);

public sealed record AdminJobResponse(
    Guid Id, Guid TenantId, string TenantName, string Status, string Model, string Voice, int Characters,
    AdminJobProgress Progress, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Error)
{
    public static AdminJobResponse From(TenantJob row) => new(
        row.Job.Id, row.Job.TenantId, row.TenantName, row.Job.Status.ToWireName(), row.Job.Model, row.Job.Voice, row.Job.Characters,
        new AdminJobProgress(row.Job.ChunksTotal, row.Job.ChunksDone), row.Job.CreatedAt, row.Job.StartedAt, row.Job.FinishedAt,
        row.Job.Error?.Code);
}

public sealed record AdminJobProgress(int ChunksTotal, int ChunksDone);

public sealed record FleetHistoryResponse(int SampleSeconds, IReadOnlyList<FleetSample> Samples);
