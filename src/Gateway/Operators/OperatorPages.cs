using AutoScale.Gateway.Auth;

namespace AutoScale.Gateway.Operators;

/// <summary>
/// <c>/ops</c> (admin: session cookie or Bearer), <c>/try</c> (anyone; the tenant key stays in the browser), their
/// files under <c>/ui</c>, and the admin calls only /ops uses.
/// </summary>
public static class OperatorPages
{
    public static IEndpointRouteBuilder MapOperatorPages(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/ops", (OperatorAssets assets, HttpContext context) => assets.Serve("ops.html", context))
            .RequireAuthorization(AuthPolicies.Admin).ExcludeFromDescription();
        routes.MapGet("/try", (OperatorAssets assets, HttpContext context) => assets.Serve("try.html", context))
            .AllowAnonymous().ExcludeFromDescription();
        routes.MapGet("/ui/{file}", (string file, OperatorAssets assets, HttpContext context) => assets.Serve(file, context))
            .AllowAnonymous().ExcludeFromDescription();
        return routes.MapOperatorsAdminApi();
    }
}
