using AutoScale.Data;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AutoScale.Gateway.Auth;

/// <summary>Registers API-key authentication (with the admin's browser session) and the three policies.</summary>
public static class AuthServiceCollectionExtensions
{
    public static IServiceCollection AddApiKeyAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddAutoScaleDatabase(configuration);
        services.AddMemoryCache();
        services.AddSingleton<TenantStore>();
        services.AddDataProtection();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AdminSession>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(
                ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.Tenant, policy => policy.RequireClaim(AuthPolicies.TenantIdClaim))
            .AddPolicy(AuthPolicies.Admin, policy => policy.RequireRole(AuthPolicies.AdminRole))
            .AddPolicy(AuthPolicies.AnyKey, policy => policy.RequireAuthenticatedUser());
        return services;
    }
}
