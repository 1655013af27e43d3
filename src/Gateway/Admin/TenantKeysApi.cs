using AutoScale.Gateway.Admin.Events;
using AutoScale.Gateway.Auth;
using AutoScale.Gateway.Auth.Keys;
using AutoScale.Gateway.Hosting;
using AutoScale.Gateway.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AutoScale.Gateway.Admin;

/// <summary>
/// <c>/admin/tenants/{id}/keys</c>: a tenant's keys made (shown once), listed (never the secret) and revoked. A tenant
/// may hold several at once, up to <see cref="AuthOptions.MaxActiveKeysPerTenant"/>, so it can rotate without a gap.
/// </summary>
public static class TenantKeysApi
{
    private const int MaxNameLength = 100;

    /// <summary>Maps onto the admin group (admin key or session only).</summary>
    public static IEndpointRouteBuilder MapTenantKeysApi(this IEndpointRouteBuilder admin)
    {
        admin.MapPost("/tenants/{id}/keys", CreateAsync).WithName("CreateTenantKey")
            .WithSummary("Make another key for a tenant (e.g. to rotate); the key is shown only in this answer.")
            .DocumentJsonBody<CreateKeyRequest>();
        admin.MapGet("/tenants/{id}/keys", ListAsync).WithName("ListTenantKeys")
            .WithSummary("A tenant's keys, revoked ones included: id, name, prefix, when made, last used and revoked. Never the key.");
        admin.MapDelete("/tenants/{id}/keys/{keyId}", RevokeAsync).WithName("RevokeTenantKey")
            .WithSummary("Revoke a key: refused by every gateway within seconds. Idempotent.");
        return admin;
    }

    private static async Task<Results<Created<CreatedKey>, ProblemHttpResult>> CreateAsync(
        string id, HttpContext context, TenantKeyStore keys, AdminEventLog events, IOptions<AuthOptions> options,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        if (!Guid.TryParse(id, out var tenantId))
        {
            return UnknownTenant();
        }

        string? name = null;
        if (HasBody(context.Request))
        {
            var (body, problem) = await JsonBody.ReadAsync<CreateKeyRequest>(
                context.Request, 4096, json.Value.SerializerOptions, context.RequestAborted);
            if (problem is not null)
            {
                return problem;
            }

            name = body!.Name?.Trim();
            if (name is not null && (name.Length is 0 or > MaxNameLength || !OperatorText.IsStorable(name)))
            {
                return Problem.Validation("name", $"Give the key a name of 1 to {MaxNameLength} characters, without control characters, or none.");
            }
        }

        var limit = options.Value.MaxActiveKeysPerTenant;
        var made = await keys.CreateAsync(tenantId, name, limit, context.RequestAborted);
        switch (made.Outcome)
        {
            case KeyCreationOutcome.UnknownTenant:
                return UnknownTenant();
            case KeyCreationOutcome.TooManyActive:
                return Problem.Create(StatusCodes.Status409Conflict, ProblemTypes.TooManyKeys, "The tenant holds as many keys as it may.",
                    $"This tenant already holds {limit} active keys, the most Auth:MaxActiveKeysPerTenant allows; revoke one first.",
                    new Dictionary<string, object?> { ["limit"] = limit });
        }

        var key = made.Info!;
        await events.WriteAsync(context, "key.create", tenantId.ToString(),
            new { keyId = key.Id, key.Name, key.Prefix }, CancellationToken.None);
        return TypedResults.Created($"/admin/tenants/{tenantId}/keys/{key.Id}",
            new CreatedKey(key.Id, key.Name, key.Prefix, made.Key!, key.CreatedAt));
    }

    private static async Task<Results<Ok<TenantKeysResponse>, ProblemHttpResult>> ListAsync(
        string id, TenantKeyStore keys, CancellationToken cancellationToken)
    {
        return Guid.TryParse(id, out var tenantId) && await keys.ListAsync(tenantId, cancellationToken) is { } list
            ? TypedResults.Ok(new TenantKeysResponse(list))
            : UnknownTenant();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        string id, string keyId, HttpContext context, TenantKeyStore keys, AdminEventLog events)
    {
        if (!Guid.TryParse(id, out var tenantId) || !Guid.TryParse(keyId, out var key))
        {
            return UnknownKey();
        }

        switch (await keys.RevokeAsync(tenantId, key, context.RequestAborted))
        {
            case KeyRevocationOutcome.NotFound:
                return UnknownKey();
            case KeyRevocationOutcome.Revoked:
                await events.WriteAsync(context, "key.revoke", tenantId.ToString(), new { keyId = key }, CancellationToken.None);
                break;
        }

        return TypedResults.NoContent();
    }

    // The body is optional: a bare POST makes an unnamed key.
    private static bool HasBody(HttpRequest request) =>
        request.ContentLength is > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    private static ProblemHttpResult UnknownTenant() =>
        Problem.Create(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Not found.", "No tenant with this id exists.");

    private static ProblemHttpResult UnknownKey() =>
        Problem.Create(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Not found.", "This tenant has no key with this id.");
}

public sealed record CreateKeyRequest(string? Name);

public sealed record CreatedKey(Guid Id, string? Name, string Prefix, string Key, DateTimeOffset CreatedAt);

public sealed record TenantKeysResponse(IReadOnlyList<TenantKey> Keys);
