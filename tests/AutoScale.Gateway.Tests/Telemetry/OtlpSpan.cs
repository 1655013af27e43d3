namespace AutoScale.Gateway.Tests.Telemetry;

/// <summary>A span as an OTLP receiver got it: which service sent it, its trace, its name and its string attributes.</summary>
public sealed record OtlpSpan(string Service, string TraceId, string Name, IReadOnlyDictionary<string, string> Attributes);
