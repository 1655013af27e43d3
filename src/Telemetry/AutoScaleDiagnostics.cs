using System.Diagnostics;

namespace AutoScale.Telemetry;

/// <summary>The product's own activity source and meter names, and the spans it starts.</summary>
public static class AutoScaleDiagnostics
{
    /// <summary>Name of the product's <see cref="ActivitySource"/> and <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string Name = "AutoScale";

    public static readonly ActivitySource Source = new(Name);

    /// <summary>
    /// Starts a span whose parent is a W3C <c>traceparent</c> stored with the work (the submitting request's), so a
    /// chunk pulled by a worker long after joins its job's trace. Without one it starts a root span.
    /// </summary>
    public static Activity? StartWithStoredParent(string name, ActivityKind kind, string? traceParent) =>
        ActivityContext.TryParse(traceParent, traceState: null, out var parent)
            ? Source.StartActivity(name, kind, parent)
            : Source.StartActivity(name, kind);
}
