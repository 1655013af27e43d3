using AutoScale.Data;
using AutoScale.Gateway.Auth.KeyRing;
using AutoScale.Gateway.Auth.Keys;
using AutoScale.Gateway.Auth.LoginThrottling;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Npgsql;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AutoScale.Gateway.Auth;

/// <summary>Registers API-key authentication (with the admin's browser session and its sign-in throttle) and the three policies.</summary>
public static class AuthServiceCollectionExtensions
{
    public static IServiceCollection AddApiKeyAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddAutoScaleDatabase(configuration);
        services.AddMemoryCache();
        services.AddSingleton<TenantStore>();
        services.AddSingleton<KeyUseRecorder>();
        services.AddSingleton<TenantKeyStore>();
        services.AddHostedService<KeyRevocationWatcher>();
        services.AddSharedDataProtection();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AdminSession>();
        services.AddLoginThrottling();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(
                ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.Tenant, policy => policy.RequireClaim(AuthPolicies.TenantIdClaim))
            .AddPolicy(AuthPolicies.Admin, policy => policy.RequireRole(AuthPolicies.AdminRole))
            .AddPolicy(AuthPolicies.AnyKey, policy => policy.RequireAuthenticatedUser());
        return services;
    }

    /// <summary>
    /// Data Protection (the admin session cookie) with its keys in PostgreSQL under one application name, so every
    /// gateway protects and unprotects with the same key ring. Needs the database's <see cref="NpgsqlDataSource"/>.
    /// </summary>
    public static IServiceCollection AddSharedDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider => new ConfigureOptions<KeyManagementOptions>(
            options => options.XmlRepository = new PostgresXmlRepository(provider.GetRequiredService<NpgsqlDataSource>())));
        services.AddHostedService<FirstKeyCreator>();
        return services;
    }

    /// <summary>The Data Protection application name every gateway shares (it isolates payloads between applications).</summary>
    public const string ApplicationName = "AutoScale.Gateway";
}
