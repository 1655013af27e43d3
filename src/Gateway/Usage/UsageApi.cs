using AutoScale.Gateway.Auth;
using AutoScale.Gateway.Problems;
using AutoScale.Gateway.Quotas;
using AutoScale.Grains.Quotas;
using AutoScale.Interfaces.Quotas;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AutoScale.Gateway.Usage;

/// <summary>
/// <c>GET /v1/usage</c> for the caller's tenant, <c>GET /admin/tenants/{id}/usage</c> for any, and
/// <c>GET /admin/usage/today</c>, the operators' tenants of the day. All read the stored jobs, never a counter.
/// </summary>
public static class UsageApi
{
    private const int DefaultTodayLimit = 10;
    private const int MaxTodayLimit = 200;

    public static IEndpointRouteBuilder MapUsageApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/usage", GetOwnAsync).RequireAuthorization(AuthPolicies.Tenant).WithTags("Usage").WithName("GetUsage")
            .WithSummary("Characters, jobs, audio and engine seconds and cost per day or hour and model (from, to, granularity=day|hour), with the quotas as they stand.");
        var admin = routes.MapGroup("/admin").RequireAuthorization(AuthPolicies.Admin).WithTags("Admin");
        admin.MapGet("/tenants/{id}/usage", GetTenantAsync).WithName("GetTenantUsage")
            .WithSummary("A tenant's usage, as GET /v1/usage gives it to the tenant.");
        admin.MapGet("/usage/today", GetTodayAsync).WithName("GetTenantsToday")
            .WithSummary("The tenants that used most since UTC midnight, and every tenant with quotas.");
        return routes;
    }

    private static Task<Results<Ok<UsageReport>, ProblemHttpResult>> GetOwnAsync(
        HttpContext context, UsageStore store, IGrainFactory grains, TimeProvider time, string? from, string? to, string? granularity) =>
        ReportAsync(context.User.TenantId(), store, grains, time, from, to, granularity, context.RequestAborted);

    private static async Task<Results<Ok<UsageReport>, ProblemHttpResult>> GetTenantAsync(
        string id, HttpContext context, UsageStore store, IGrainFactory grains, TimeProvider time, string? from, string? to, string? granularity)
    {
        if (!Guid.TryParse(id, out var tenantId) || !await store.TenantExistsAsync(tenantId, context.RequestAborted))
        {
            return Problem.NotFound("tenant");
        }

        return await ReportAsync(tenantId, store, grains, time, from, to, granularity, context.RequestAborted);
    }

    private static async Task<Results<Ok<UsageReport>, ProblemHttpResult>> ReportAsync(
        Guid tenantId, UsageStore store, IGrainFactory grains, TimeProvider time, string? from, string? to, string? granularity,
        CancellationToken cancellationToken)
    {
        var (window, field, error) = UsageWindow.Parse(from, to, granularity, time.GetUtcNow());
        if (window is null)
        {
            return Problem.Validation(field!, error!);
        }

        var buckets = await store.BucketsAsync(tenantId, window, cancellationToken);
        var standing = await grains.GetGrain<ITenantQuotaGrain>(tenantId).GetStandingAsync();
        return TypedResults.Ok(new UsageReport(tenantId, window.From, window.To, window.Unit, buckets, UsageTotals.Of(buckets),
            QuotasResponse.From(tenantId, standing)));
    }

    private static async Task<Results<Ok<TenantsTodayResponse>, ProblemHttpResult>> GetTodayAsync(
        UsageStore store, TimeProvider time, string? limit, CancellationToken cancellationToken)
    {
        var count = DefaultTodayLimit;
        if (limit is not null && (!int.TryParse(limit, out count) || count is < 1 or > MaxTodayLimit))
        {
            return Problem.Validation("limit", $"Limit must be a whole number from 1 to {MaxTodayLimit}.");
        }

        var since = QuotaPeriods.DayStart(time.GetUtcNow());
        return TypedResults.Ok(new TenantsTodayResponse(since, await store.TopTenantsOfDayAsync(since, count, cancellationToken)));
    }
}
