using AutoScale.Gateway.Auth;

namespace AutoScale.Gateway.Telemetry;

/// <summary>
/// Puts the caller's tenant and, on routes about one job (<c>{id}</c> under <c>/v1/jobs</c>), the job id in the
/// logging scope of the request, so every line logged while handling it names them.
/// </summary>
public static class JobLogScopes
{
    public static IApplicationBuilder UseJobLogScopes(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var scope = new Dictionary<string, object?>();
        if (context.User.FindFirst(AuthPolicies.TenantIdClaim)?.Value is { } tenant)
        {
            scope["TenantId"] = tenant;
        }

        if (context.Request.Path.StartsWithSegments("/v1/jobs") && context.Request.RouteValues.TryGetValue("id", out var jobId))
        {
            scope["JobId"] = jobId;
        }

        if (scope.Count == 0)
        {
            await next(context);
            return;
        }

        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(JobLogScopes));
        using (logger.BeginScope(scope))
        {
            await next(context);
        }
    });
}
