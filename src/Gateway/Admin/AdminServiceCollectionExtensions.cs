using AutoScale.Gateway.Admin.Events;

namespace AutoScale.Gateway.Admin;

/// <summary>Registers what the admin API needs beyond authentication: the log of admin actions.</summary>
public static class AdminServiceCollectionExtensions
{
    public static IServiceCollection AddAdminApi(this IServiceCollection services)
    {
        services.AddSingleton<AdminEventLog>();
        return services;
    }
}
