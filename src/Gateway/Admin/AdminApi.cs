using AutoScale.Gateway.Admin.Events;
using AutoScale.Gateway.Auth;
using AutoScale.Gateway.Hosting;
using AutoScale.Gateway.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AutoScale.Gateway.Admin;

/// <summary><c>/admin/*</c>: operator calls, admin key only.</summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/admin").RequireAuthorization(AuthPolicies.Admin).WithTags("Admin");
        admin.MapPost("/tenants", CreateTenantAsync).WithName("CreateTenant")
            .WithSummary("Create a tenant and its API key; the key is shown only in this answer.")
            .DocumentJsonBody<CreateTenantRequest>();
        admin.MapTenantKeysApi();
        admin.MapAdminEventsApi();
        return routes;
    }

    private static async Task<Results<Created<CreatedTenant>, ProblemHttpResult>> CreateTenantAsync(
        HttpContext context, TenantStore tenants, AdminEventLog events, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        const int maxBytes = 16 * 1024;
        var (body, problem) = await JsonBody.ReadAsync<CreateTenantRequest>(
            context.Request, maxBytes, json.Value.SerializerOptions, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        var name = body!.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200 || !OperatorText.IsStorable(name))
        {
            return Problem.Validation("name", "Give the tenant a name of 1 to 200 characters, without control characters.");
        }

        var (tenantId, apiKey, webhookSecret) = await tenants.CreateAsync(name, context.RequestAborted);
        await events.WriteAsync(context, "tenant.create", tenantId.ToString(), new { name }, CancellationToken.None);
        return TypedResults.Created($"/admin/tenants/{tenantId}", new CreatedTenant(tenantId, name, apiKey, webhookSecret));
    }
}

public sealed record CreateTenantRequest(string? Name);

public sealed record CreatedTenant(Guid TenantId, string Name, string ApiKey, string WebhookSecret);
