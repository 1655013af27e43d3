using System.Diagnostics.Metrics;
using AutoScale.Telemetry;

namespace AutoScale.Gateway.RateLimiting;

/// <summary>What the cluster-wide rate limit costs, on the <c>AutoScale</c> meter (so /metrics and OTLP carry it).</summary>
public static class RateLimitMetrics
{
    private static readonly Meter Meter = new(AutoScaleDiagnostics.Name);

    /// <summary>Seconds a request waited on its token bucket grain (only requests with no token at hand ask it).</summary>
    public static readonly Histogram<double> BucketCallDuration = Meter.CreateHistogram<double>(
        "autoscale.ratelimit.bucket_call.duration", "s", "Time a rate-limited request waited on the cluster's token bucket");
}
