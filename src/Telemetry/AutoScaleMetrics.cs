using System.Diagnostics.Metrics;

namespace AutoScale.Telemetry;

/// <summary>
/// Counters and histograms of the <c>AutoScale</c> meter recorded where things happen (chunk completions arrive at
/// the control silo's queue grain; decisions at the scaler). Static, like the runtime's own instruments, so grains
/// record without a registration that tests' silos would also need.
/// </summary>
public static class AutoScaleMetrics
{
    private static readonly Meter Meter = new(AutoScaleDiagnostics.Name);

    /// <summary>Scaler decisions, tagged <c>pool</c> and <c>action</c> (scale-up, scale-down, hold, terminate…).</summary>
    public static readonly Counter<long> ScalingDecisions =
        Meter.CreateCounter<long>("autoscale.scaling.decisions", "{decision}", "Scaling decisions by pool and action");

    /// <summary>Seconds from a job's submission to one of its chunks being stored, tagged <c>pool</c>.</summary>
    public static readonly Histogram<double> ChunkLatency =
        Meter.CreateHistogram<double>("autoscale.chunk.latency", "s", "Submission to chunk stored");

    /// <summary>Engine seconds per second of audio of a chunk (below 1 is faster than real time), tagged <c>pool</c>.</summary>
    public static readonly Histogram<double> RealTimeFactor =
        Meter.CreateHistogram<double>("autoscale.chunk.real_time_factor", null, "Engine seconds per audio second");

    /// <summary>Engine seconds spent on finished chunks, tagged <c>pool</c>.</summary>
    public static readonly Counter<double> EngineSeconds =
        Meter.CreateCounter<double>("autoscale.engine.time", "s", "Engine seconds of finished chunks");

    /// <summary>Seconds of audio produced, tagged <c>pool</c>.</summary>
    public static readonly Counter<double> AudioSeconds =
        Meter.CreateCounter<double>("autoscale.audio.time", "s", "Seconds of audio produced");

    /// <summary>What finished chunks cost in USD, tagged <c>pool</c> (and <c>tenant</c> with <c>Telemetry:TenantLabels</c>).</summary>
    public static readonly Counter<double> Cost =
        Meter.CreateCounter<double>("autoscale.cost.usd", "{USD}", "Cost of finished chunks by pool");

    /// <summary>Jobs a tenant's quota refused, tagged <c>quota</c> (its API name); never the tenant.</summary>
    public static readonly Counter<long> QuotaRefusals =
        Meter.CreateCounter<long>("autoscale.quota.refusals", "{job}", "Jobs refused by a tenant quota, by quota");
}
