using AutoScale.Gateway.Problems;
using AutoScale.Migrations;
using Scalar.AspNetCore;

namespace AutoScale.Gateway.Hosting;

/// <summary>Cross-cutting pieces of the gateway: errors as problems, the OpenAPI document and its interactive page.</summary>
public static class GatewayHostingExtensions
{
    public static IServiceCollection AddGatewayBasics(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<GatewayErrorHandling>();
        services.AddOpenApi();
        return services;
    }

    /// <summary>Applies the schema (the silo's membership tables among it) before the host, and so the silo, starts.</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app) =>
        await app.Services.GetRequiredService<SchemaMigrator>().MigrateAsync(app.Lifetime.ApplicationStopping);

    public static WebApplication UseGatewayErrorHandling(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages(async context =>
        {
            var response = context.HttpContext.Response;
            if (response.StatusCode == StatusCodes.Status404NotFound)
            {
                await Problem.Create(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Not found.",
                    $"There is no {context.HttpContext.Request.Method} {context.HttpContext.Request.Path}.").ExecuteAsync(context.HttpContext);
            }
            else if (response.StatusCode == StatusCodes.Status405MethodNotAllowed)
            {
                await Problem.Create(StatusCodes.Status405MethodNotAllowed, ProblemTypes.NotFound, "Method not allowed.",
                    $"{context.HttpContext.Request.Method} is not allowed on {context.HttpContext.Request.Path}.").ExecuteAsync(context.HttpContext);
            }
        });
        return app;
    }

    public static WebApplication MapApiDocumentation(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference();
        return app;
    }
}
