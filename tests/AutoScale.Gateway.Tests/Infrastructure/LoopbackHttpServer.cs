using System.Net;
using AutoScale.Data;

namespace AutoScale.Gateway.Tests.Infrastructure;

/// <summary>A small HTTP server on a free loopback port, answering each request with <see cref="HandleAsync"/>, one at a time.</summary>
public abstract class LoopbackHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private Task? _loop;

    /// <summary>The server's base address plus <paramref name="path"/> (which must end with a slash).</summary>
    protected string Start(string path = "/")
    {
        var address = $"http://127.0.0.1:{LocalPostgresCluster.FreeTcpPort()}{path}";
        _listener.Prefixes.Add(address);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
        return address;
    }

    /// <summary>Reads the request and sets the response's status and headers; the server closes the response.</summary>
    protected abstract Task HandleAsync(HttpListenerContext context);

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

            await HandleAsync(context);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        if (_loop is not null)
        {
            await _loop;
        }

        GC.SuppressFinalize(this);
    }
}
