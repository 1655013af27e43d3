using System.Security.Claims;

namespace AutoScale.Gateway.Auth;

/// <summary>Reads the caller's identity as the API handlers need it.</summary>
public static class ClaimsPrincipalExtensions
{
    /// <summary>The tenant of a tenant key. Only valid behind the <see cref="AuthPolicies.Tenant"/> policy.</summary>
    public static Guid TenantId(this ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(AuthPolicies.TenantIdClaim)
                   ?? throw new InvalidOperationException("The caller is not a tenant."));
}
