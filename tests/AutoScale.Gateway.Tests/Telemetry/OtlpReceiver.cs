using System.Collections.Concurrent;
using System.Net;
using AutoScale.Cluster.Database;

namespace AutoScale.Gateway.Tests.Telemetry;

/// <summary>An OTLP/HTTP (protobuf) collector on loopback: keeps the spans posted to <c>/v1/traces</c>, accepts the rest.</summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public OtlpReceiver()
    {
        Endpoint = $"http://127.0.0.1:{LocalPostgresCluster.FreeTcpPort()}/";
        _listener.Prefixes.Add(Endpoint);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>The base address, as <c>Telemetry:OtlpEndpoint</c> takes it (the exporter appends <c>/v1/traces</c>).</summary>
    public string Endpoint { get; }

    public ConcurrentBag<OtlpSpan> Spans { get; } = [];

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

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
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
