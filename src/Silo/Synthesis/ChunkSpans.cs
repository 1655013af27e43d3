using System.Diagnostics;
using AutoScale.Engines.Abstractions;
using AutoScale.Interfaces.Work;
using AutoScale.Telemetry;

namespace AutoScale.Silo.Synthesis;

/// <summary>
/// The worker's spans for one chunk: <c>chunk</c> (under the job's stored trace context), with <c>engine</c> and
/// <c>store</c> inside it. Null when nobody listens.
/// </summary>
internal static class ChunkSpans
{
    public static Activity? StartChunk(ChunkLease lease, string workerId) =>
        AutoScaleDiagnostics.StartWithStoredParent("chunk", ActivityKind.Consumer, lease.TraceParent)
            ?.SetTag("autoscale.job_id", lease.JobId.ToString())
            .SetTag("autoscale.tenant_id", lease.TenantId.ToString())
            .SetTag("autoscale.chunk.sequence", lease.Sequence)
            .SetTag("autoscale.chunk.attempt", lease.Attempt)
            .SetTag("autoscale.worker_id", workerId);

    public static Activity? StartEngine(string engine, int characters) =>
        AutoScaleDiagnostics.Source.StartActivity("engine")
            ?.SetTag("autoscale.engine", engine)
            .SetTag("autoscale.chunk.characters", characters);

    public static void EngineDone(Activity? span, double engineSeconds, SynthesisResult result) =>
        span?.SetTag("autoscale.engine.seconds", engineSeconds)
            .SetTag("autoscale.audio.seconds", result.Duration.TotalSeconds);

    public static Activity? StartStore(string artifactKey) =>
        AutoScaleDiagnostics.Source.StartActivity("store")?.SetTag("autoscale.artifact_key", artifactKey);
}
