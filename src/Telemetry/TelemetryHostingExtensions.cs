using AutoScale.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AutoScale.Telemetry;

/// <summary>OpenTelemetry for every process of the product: the same sources, meters and exporters on gateway and worker.</summary>
public static class TelemetryHostingExtensions
{
    /// <summary>Orleans' activity sources (grain calls), enabled by <c>AddActivityPropagation</c> on the silo.</summary>
    private static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <summary>
    /// Traces (HttpClient, Npgsql, Orleans, AutoScale), metrics (the AutoScale meter, Orleans, Npgsql, HttpClient,
    /// runtime) and logs with their scopes, exported over OTLP when configured. A host that serves HTTP adds its server
    /// instrumentation through <paramref name="configureTracing"/> and <paramref name="configureMetrics"/> (and its
    /// own metrics reader: the gateway's Prometheus scrape).
    /// </summary>
    public static IHostApplicationBuilder AddAutoScaleTelemetry(
        this IHostApplicationBuilder builder,
        string serviceName,
        Action<MeterProviderBuilder>? configureMetrics = null,
        Action<TracerProviderBuilder>? configureTracing = null)
    {
        var options = StartupOptions.Bind<TelemetryOptions>(builder.Configuration, TelemetryOptions.SectionName);
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        // Job id and tenant travel as logging scopes: keep them on every console line and in exported records.
        builder.Services.Configure<SimpleConsoleFormatterOptions>(console => console.IncludeScopes = true);
        builder.Services.Configure<JsonConsoleFormatterOptions>(console => console.IncludeScopes = true);
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeScopes = true;
            logging.IncludeFormattedMessage = true;
        });

        var exportsOtlp = !string.IsNullOrWhiteSpace(options.OtlpEndpoint) || options.ExportsOtlp;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName));
        if (exportsOtlp)
        {
            // Spans only cost when nothing would receive them (an activity per request, grain call and SQL command):
            // without a collector, no tracing at all.
            telemetry.WithTracing(tracing =>
            {
                tracing
                    .AddSource(AutoScaleDiagnostics.Name)
                    .AddSource(OrleansSources)
                    .AddHttpClientInstrumentation()
                    .AddNpgsql();
                configureTracing?.Invoke(tracing);
            });
        }

        telemetry
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(AutoScaleDiagnostics.Name, "Microsoft.Orleans", "Npgsql")
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation();
                configureMetrics?.Invoke(metrics);
            });

        if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint))
        {
            var protocol = options.OtlpProtocol == "grpc" ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
            telemetry.UseOtlpExporter(protocol, new Uri(options.OtlpEndpoint));
        }
        else if (options.ExportsOtlp)
        {
            // The OTEL_EXPORTER_OTLP_* variables configure it.
            telemetry.UseOtlpExporter();
        }

        return builder;
    }
}
