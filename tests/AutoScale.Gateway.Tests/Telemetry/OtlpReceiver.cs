using System.Collections.Concurrent;
using System.Net;
using AutoScale.Gateway.Tests.Infrastructure;

namespace AutoScale.Gateway.Tests.Telemetry;

/// <summary>An OTLP/HTTP (protobuf) collector on loopback: keeps the spans posted to <c>/v1/traces</c>, accepts the rest.</summary>
public sealed class OtlpReceiver : LoopbackHttpServer
{
    public OtlpReceiver() => Endpoint = Start();

    /// <summary>The base address, as <c>Telemetry:OtlpEndpoint</c> takes it (the exporter appends <c>/v1/traces</c>).</summary>
    public string Endpoint { get; }

    public ConcurrentBag<OtlpSpan> Spans { get; } = [];

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        if (context.Request.Url?.AbsolutePath == "/v1/traces")
        {
            foreach (var span in OtlpTraceDecoder.Decode(body.ToArray()))
            {
                Spans.Add(span);
            }
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/x-protobuf";
    }
}
