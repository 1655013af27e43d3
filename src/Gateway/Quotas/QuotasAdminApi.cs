using AutoScale.Gateway.Admin.Events;
using AutoScale.Gateway.Auth;
using AutoScale.Gateway.Hosting;
using AutoScale.Gateway.Problems;
using AutoScale.Gateway.Usage;
using AutoScale.Interfaces.Quotas;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AutoScale.Gateway.Quotas;

/// <summary><c>GET/PUT /admin/tenants/{id}/quotas</c>: what a tenant may use, held by its quota grain for every gateway.</summary>
public static class QuotasAdminApi
{
    private const int MaxBodyBytes = 4096;

    public static IEndpointRouteBuilder MapQuotasAdminApi(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/admin/tenants/{id}/quotas").RequireAuthorization(AuthPolicies.Admin).WithTags("Admin");
        admin.MapGet("", GetAsync).WithName("GetTenantQuotas")
            .WithSummary("A tenant's quotas and what it has used of them now.");
        admin.MapPut("", SetAsync).WithName("SetTenantQuotas")
            .WithSummary("Replace a tenant's quotas: charactersPerDay, charactersPerMonth, concurrentJobs, maxJobCharacters (null for none).")
            .DocumentJsonBody<SetQuotasRequest>();
        return routes;
    }

    private static async Task<Results<Ok<QuotasResponse>, ProblemHttpResult>> GetAsync(
        string id, UsageStore usage, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var tenantId) || !await usage.TenantExistsAsync(tenantId, cancellationToken))
        {
            return Problem.NotFound("tenant");
        }

        var standing = await grains.GetGrain<ITenantQuotaGrain>(tenantId).GetStandingAsync();
        return TypedResults.Ok(QuotasResponse.From(tenantId, standing));
    }

    private static async Task<Results<Ok<QuotasResponse>, ProblemHttpResult>> SetAsync(
        string id, HttpContext context, IGrainFactory grains, AdminEventLog events, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        if (!Guid.TryParse(id, out var tenantId))
        {
            return Problem.NotFound("tenant");
        }

        var (body, problem) = await JsonBody.ReadAsync<SetQuotasRequest>(
            context.Request, MaxBodyBytes, json.Value.SerializerOptions, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        var (quotas, field, error) = body!.Validate();
        if (quotas is null)
        {
            return Problem.Validation(field!, error!);
        }

        var grain = grains.GetGrain<ITenantQuotaGrain>(tenantId);
        if (!await grain.SetAsync(quotas))
        {
            return Problem.NotFound("tenant");
        }

        await events.WriteAsync(context, "quota.set", tenantId.ToString(), body, context.RequestAborted);
        return TypedResults.Ok(QuotasResponse.From(tenantId, await grain.GetStandingAsync()));
    }
}
