using AutoScale.Gateway.Auth;
using Orleans.Dashboard;

namespace AutoScale.Gateway.Dashboard;

/// <summary>The Orleans dashboard (silos, grains, calls, reminders), fed by every silo, for admins only.</summary>
public static class DashboardEndpoints
{
    public const string Path = "/dashboard";

    public static IEndpointConventionBuilder MapAdminDashboard(this IEndpointRouteBuilder app) =>
        app.MapOrleansDashboard(Path).RequireAuthorization(AuthPolicies.Admin);
}
