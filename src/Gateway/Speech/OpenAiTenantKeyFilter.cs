using AutoScale.Gateway.Auth;

namespace AutoScale.Gateway.Speech;

/// <summary>
/// Requires a tenant key and answers 401/403 in OpenAI's shape. The route allows anonymous callers so that the
/// authorization middleware does not challenge with problem+json first; authentication itself has already run
/// (<c>UseAuthentication</c>), so the caller's claims are here to check.
/// </summary>
public sealed class OpenAiTenantKeyFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.HasClaim(c => c.Type == AuthPolicies.TenantIdClaim))
        {
            return await next(context);
        }

        if (http.User.IsInRole(AuthPolicies.AdminRole))
        {
            return OpenAiErrors.Forbidden();
        }

        http.Response.Headers.WWWAuthenticate = "Bearer";
        var keyGiven = http.Request.Headers.Authorization.Count > 0 || http.Request.Headers.ContainsKey("X-Api-Key");
        return OpenAiErrors.Unauthorized(keyGiven);
    }
}
