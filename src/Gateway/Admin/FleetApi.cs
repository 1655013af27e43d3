using AutoScale.Gateway.Admin.Events;
using AutoScale.Gateway.Auth;
using AutoScale.Gateway.Hosting;
using AutoScale.Gateway.Problems;
using AutoScale.Grains.Scaling;
using AutoScale.Interfaces.Fleet;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AutoScale.Gateway.Admin;

/// <summary><c>/admin/fleet</c>, <c>/admin/queue</c>, <c>/admin/scaling-events</c>: the scaler's view and its levers, admin key only.</summary>
public static class FleetApi
{
    private const int DefaultEventLimit = 50;
    private const int MaxEventLimit = 1000;

    public static IEndpointRouteBuilder MapFleetApi(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/admin").RequireAuthorization(AuthPolicies.Admin).WithTags("Fleet");
        admin.MapGet("/fleet", GetFleetAsync).WithName("GetFleet")
            .WithSummary("The workers (booting, joining, ready, draining, recently gone) with cost, and each pool's bounds and last decision.");
        admin.MapGet("/queue", GetQueueAsync).WithName("GetQueue")
            .WithSummary("Per pool: chunks queued and leased, the oldest wait, and the estimated seconds of work.");
        admin.MapGet("/scaling-events", GetScalingEventsAsync).WithName("GetScalingEvents")
            .WithSummary("The scaler's decisions, newest first, with their reasons and inputs.");
        admin.MapPost("/fleet/{pool}/bounds", SetBoundsAsync).WithName("SetPoolBounds")
            .WithSummary("Changes a pool's minimum and maximum worker count at run time.")
            .DocumentJsonBody<PoolBoundsRequest>();
        admin.MapPost("/fleet/{pool}/image", SetImageAsync).WithName("SetPoolImage")
            .WithSummary("Sets the worker image of a pool; the scaler rolls its workers onto it, new ones ready before old ones drain.")
            .DocumentJsonBody<PoolImageRequest>();
        return routes;
    }

    private static async Task<Ok<FleetResponse>> GetFleetAsync(IGrainFactory grains)
    {
        var overview = await Scaler.Of(grains).GetOverviewAsync();
        return TypedResults.Ok(new FleetResponse(
            overview.At,
            overview.Provider,
            overview.CostPerHourUsd,
            overview.BudgetUsdPerHour,
            [.. overview.Workers.Select(FleetWorkerResponse.From)],
            [.. overview.Pools.Select(FleetPoolResponse.From)]));
    }

    private static async Task<Ok<QueueResponse>> GetQueueAsync(IGrainFactory grains, TimeProvider time)
    {
        var overview = await Scaler.Of(grains).GetOverviewAsync();
        var now = time.GetUtcNow();
        return TypedResults.Ok(new QueueResponse(overview.At, [.. overview.Pools.Select(p => new QueuePoolResponse(
            p.Pool,
            p.Queued,
            p.Leased,
            p.OldestQueuedAt,
            p.OldestQueuedAt is { } oldest ? Math.Max(0, (now - oldest).TotalSeconds) : 0,
            Math.Round(p.EstimatedSeconds, 3),
            p.SecondsPerCharacter))]));
    }

    private static async Task<Results<Ok<ScalingEventsResponse>, ProblemHttpResult>> GetScalingEventsAsync(
        ScalingEventStore events, string? limit, string? pool, CancellationToken cancellationToken)
    {
        var count = DefaultEventLimit;
        if (limit is not null && (!int.TryParse(limit, out count) || count is < 1 or > MaxEventLimit))
        {
            return Problem.Validation("limit", $"Limit must be a whole number from 1 to {MaxEventLimit}.");
        }

        var list = await events.ListAsync(count, pool, cancellationToken);
        return TypedResults.Ok(new ScalingEventsResponse([.. list.Select(e => new ScalingEventResponse(
            e.Id, e.At, e.Pool, e.Action, e.From, e.To, e.Reason, System.Text.Json.JsonDocument.Parse(e.InputsJson).RootElement))]));
    }

    private static async Task<Results<Ok<FleetPoolResponse>, ProblemHttpResult>> SetImageAsync(
        string pool, HttpContext context, IGrainFactory grains, AdminEventLog events,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        var (body, problem) = await JsonBody.ReadAsync<PoolImageRequest>(
            context.Request, 4096, json.Value.SerializerOptions, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        var image = body!.Image?.Trim();
        if (string.IsNullOrEmpty(image) || image.Length > 1000 || !OperatorText.IsStorable(image))
        {
            return Problem.Validation("image", "Give image as a worker image: a container image reference, or for the local provider a worker build's folder.");
        }

        try
        {
            if (await Scaler.Of(grains).SetImageAsync(pool, image) is not { } view)
            {
                return UnmanagedPool(pool);
            }

            await events.WriteAsync(context, "pool.image", pool, new { image }, CancellationToken.None);
            return TypedResults.Ok(FleetPoolResponse.From(view));
        }
        catch (ArgumentException exception)
        {
            return Problem.Validation("image", exception.Message.Split(" (Parameter", 2)[0]);
        }
    }

    private static ProblemHttpResult UnmanagedPool(string pool) =>
        Problem.Create(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Not found.",
            $"No pool '{pool}' is managed by the scaler; configure Fleet:Pools:{pool} to manage it.");

    private static async Task<Results<Ok<FleetPoolResponse>, ProblemHttpResult>> SetBoundsAsync(
        string pool, HttpContext context, IGrainFactory grains, AdminEventLog events,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        var (body, problem) = await JsonBody.ReadAsync<PoolBoundsRequest>(
            context.Request, 4096, json.Value.SerializerOptions, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.Min is not { } min || min is < 0 or > 10_000)
        {
            return Problem.Validation("min", "Give min as a whole number from 0 to 10000.");
        }

        if (body.Max is not { } max || max is < 0 or > 10_000)
        {
            return Problem.Validation("max", "Give max as a whole number from 0 to 10000.");
        }

        if (min > max)
        {
            return Problem.Validation("min", $"min ({min}) must not be above max ({max}).");
        }

        if (await Scaler.Of(grains).SetBoundsAsync(pool, min, max) is not { } bounded)
        {
            return UnmanagedPool(pool);
        }

        await events.WriteAsync(context, "pool.bounds", pool, new { min, max }, CancellationToken.None);
        return TypedResults.Ok(FleetPoolResponse.From(bounded));
    }
}

public sealed record PoolBoundsRequest(int? Min, int? Max);

public sealed record PoolImageRequest(string? Image);

public sealed record FleetResponse(
    DateTimeOffset At, string Provider, decimal CostPerHourUsd, decimal? BudgetUsdPerHour,
    IReadOnlyList<FleetWorkerResponse> Workers, IReadOnlyList<FleetPoolResponse> Pools);

public sealed record FleetWorkerResponse(
    string Id, string Pool, string State, DateTimeOffset Since, string Provider, string? ProviderId, decimal CostPerHourUsd,
    string? Image, string? Silo, int Leased, string? Reason, DateTimeOffset CreatedAt)
{
    public static FleetWorkerResponse From(FleetWorkerView w) => new(
        w.Id, w.Pool, w.State.ToWireName(), w.Since, w.Provider, w.ProviderId, w.CostPerHourUsd, w.Image, w.Silo, w.Leased, w.Reason, w.CreatedAt);
}

public sealed record FleetPoolResponse(
    string Pool, bool Scaled, int MinWorkers, int MaxWorkers, int IdleSeconds, int Starting, int Ready, int Draining, int Desired,
    string? Reason, double BootSeconds, string? Image, string? UnservableReason)
{
    public static FleetPoolResponse From(PoolView p) => new(
        p.Pool, p.Scaled, p.MinWorkers, p.MaxWorkers, p.IdleSeconds, p.Starting, p.Ready, p.Draining, p.Desired, p.Reason,
        Math.Round(p.BootSeconds, 1), p.Image, p.UnservableReason);
}

public sealed record QueueResponse(DateTimeOffset At, IReadOnlyList<QueuePoolResponse> Pools);

public sealed record QueuePoolResponse(
    string Pool, int Queued, int Leased, DateTimeOffset? OldestQueuedAt, double OldestWaitSeconds, double EstimatedSeconds,
    double SecondsPerCharacter);

public sealed record ScalingEventsResponse(IReadOnlyList<ScalingEventResponse> Events);

public sealed record ScalingEventResponse(
    long Id, DateTimeOffset At, string Pool, string Action, int From, int To, string Reason, System.Text.Json.JsonElement Inputs);
