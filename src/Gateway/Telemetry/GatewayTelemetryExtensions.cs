using AutoScale.Gateway.Auth;
using AutoScale.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace AutoScale.Gateway.Telemetry;

/// <summary>The gateway's telemetry: the shared OpenTelemetry setup, the fleet gauges and the Prometheus scrape.</summary>
public static class GatewayTelemetryExtensions
{
    public const string ServiceName = "autoscale-gateway";
    public const string MetricsPath = "/metrics";

    /// <summary>Request paths too frequent and too dull to trace (scrapes, probes).</summary>
    private static readonly string[] UntracedPaths = [MetricsPath, "/health"];

    public static WebApplicationBuilder AddGatewayTelemetry(this WebApplicationBuilder builder)
    {
        builder.AddAutoScaleTelemetry(
            ServiceName,
            metrics => metrics.AddAspNetCoreInstrumentation().AddPrometheusExporter(),
            tracing => tracing.AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context =>
                !UntracedPaths.Any(path => context.Request.Path.StartsWithSegments(path))));
        builder.Services.AddSingleton<FleetGauges>();
        builder.Services.AddHostedService(services => services.GetRequiredService<FleetGauges>());
        return builder;
    }

    /// <summary>
    /// <c>GET /metrics</c> in Prometheus' text format: open by default (scrapers rarely hold a key), behind the admin
    /// key when <c>Telemetry:MetricsRequireAdminKey</c> is true.
    /// </summary>
    public static IEndpointConventionBuilder MapMetricsEndpoint(this WebApplication app)
    {
        // The gauges register their instruments when first resolved, before the first scrape.
        app.Services.GetRequiredService<FleetGauges>();
        var endpoint = app.MapPrometheusScrapingEndpoint(MetricsPath);
        if (app.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>()?.MetricsRequireAdminKey == true)
        {
            endpoint.RequireAuthorization(AuthPolicies.Admin);
        }

        return endpoint;
    }
}
