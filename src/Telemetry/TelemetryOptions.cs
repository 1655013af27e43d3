using System.ComponentModel.DataAnnotations;

namespace AutoScale.Telemetry;

/// <summary>Where traces, metrics and logs go. Bound from the <c>Telemetry</c> configuration section.</summary>
public sealed class TelemetryOptions : IValidatableObject
{
    public const string SectionName = "Telemetry";

    /// <summary>
    /// OTLP collector address (traces, metrics, logs). Default: none, unless the standard
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, which the OTLP exporter reads by itself.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>OTLP transport: <c>grpc</c> (default, port 4317) or <c>http/protobuf</c> (port 4318).</summary>
    [RegularExpression("^(grpc|http/protobuf)$", ErrorMessage = "Telemetry:OtlpProtocol must be grpc or http/protobuf.")]
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>
    /// Whether the gateway's <c>GET /metrics</c> needs the admin key. Default false: Prometheus scrapers rarely
    /// send one, and the series hold no tenant data (no tenant ids either, unless <see cref="TenantLabels"/>).
    /// </summary>
    public bool MetricsRequireAdminKey { get; set; }

    /// <summary>
    /// Whether series carry a <c>tenant</c> label (the cost of finished chunks per tenant as well as per pool).
    /// Default false: one series per tenant grows without bound with ten thousand tenants, and tenant ids are not for
    /// whoever can scrape <c>/metrics</c>. Tenants' own figures are in the database (usage) either way.
    /// </summary>
    public bool TenantLabels { get; set; }

    /// <summary>Whether a standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or <see cref="OtlpEndpoint"/> asks for OTLP.</summary>
    public bool ExportsOtlp =>
        !string.IsNullOrWhiteSpace(OtlpEndpoint) || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(OtlpEndpoint) && !Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out _))
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(OtlpEndpoint)} must be an absolute URL, not '{OtlpEndpoint}'.", [nameof(OtlpEndpoint)]);
        }
    }
}
