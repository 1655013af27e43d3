namespace AutoScale.Gateway.Auth;

/// <summary>Names of the authorization policies and of the claims behind them.</summary>
public static class AuthPolicies
{
    /// <summary>A tenant key: the caller's own jobs.</summary>
    public const string Tenant = "tenant";

    /// <summary>The admin key.</summary>
    public const string Admin = "admin";

    /// <summary>Any valid key, tenant or admin.</summary>
    public const string AnyKey = "any-key";

    public const string TenantIdClaim = "tenant_id";
    public const string AdminRole = "admin";
}
