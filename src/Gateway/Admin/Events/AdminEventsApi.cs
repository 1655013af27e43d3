using System.Text.Json;
using AutoScale.Gateway.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AutoScale.Gateway.Admin.Events;

/// <summary><c>GET /admin/events</c>: what admins did, newest first (the /ops page shows the latest).</summary>
public static class AdminEventsApi
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 200;

    /// <summary>Maps onto the admin group (admin key or session only).</summary>
    public static IEndpointRouteBuilder MapAdminEventsApi(this IEndpointRouteBuilder admin)
    {
        admin.MapGet("/events", ListAsync).WithName("ListAdminEvents")
            .WithSummary("What admins did (tenants, keys, quotas, pool bounds and images): who, when, to what; newest first.");
        return admin;
    }

    private static async Task<Results<Ok<AdminEventsResponse>, ProblemHttpResult>> ListAsync(
        AdminEventLog log, string? limit, CancellationToken cancellationToken)
    {
        var count = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, out count) || count is < 1 or > MaxLimit))
        {
            return Problem.Validation("limit", $"Limit must be a whole number from 1 to {MaxLimit}.");
        }

        var events = await log.ListAsync(count, cancellationToken);
        return TypedResults.Ok(new AdminEventsResponse([.. events.Select(e => new AdminEventResponse(
            e.Id, e.At, e.Actor, e.Action, e.Target, e.DetailJson is null ? null : JsonSerializer.Deserialize<JsonElement>(e.DetailJson)))]));
    }
}

public sealed record AdminEventsResponse(IReadOnlyList<AdminEventResponse> Events);

public sealed record AdminEventResponse(long Id, DateTimeOffset At, string Actor, string Action, string Target, JsonElement? Detail);
