using System.Collections.Concurrent;
using System.Net;
using AutoScale.Cluster.Database;

namespace AutoScale.Gateway.Tests.EndToEnd;

/// <summary>A tenant's webhook endpoint on loopback: keeps what it receives; fails the first calls when asked to.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private int _failuresLeft;

    public WebhookReceiver(int failFirst)
    {
        _failuresLeft = failFirst;
        Url = $"http://127.0.0.1:{LocalPostgresCluster.FreeTcpPort()}/hooks/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public ConcurrentQueue<(string Signature, string Body)> Received { get; } = new();

    public int Attempts;

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

            Interlocked.Increment(ref Attempts);
            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            if (Interlocked.Decrement(ref _failuresLeft) >= 0)
            {
                context.Response.StatusCode = 503;
            }
            else
            {
                Received.Enqueue((context.Request.Headers["X-AutoScale-Signature"] ?? "", body));
                context.Response.StatusCode = 204;
            }

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
