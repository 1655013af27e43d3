using AutoScale.Gateway.Auth;
using Orleans.Dashboard;

namespace AutoScale.Gateway.Dashboard;

/// <summary>
/// The Orleans dashboard (silos, grains, calls, reminders) for admins only. The control silo loads its silo side; a
/// worker silo's own pages are answered by <see cref="WorkerSiloPages"/>.
/// </summary>
public static class DashboardEndpoints
{
    public const string Path = "/dashboard";

    public static IEndpointConventionBuilder MapAdminDashboard(this IEndpointRouteBuilder app) =>
        app.MapOrleansDashboard(Path)
            .RequireAuthorization(AuthPolicies.Admin)
            .AddEndpointFilterFactory((factory, next) =>
            {
                var pages = ActivatorUtilities.CreateInstance<WorkerSiloPages>(factory.ApplicationServices);
                return context => pages.InvokeAsync(context, next);
            });
}
