using System.Collections.Concurrent;
using System.Net;
using AutoScale.Gateway.Tests.Infrastructure;

namespace AutoScale.Gateway.Tests.EndToEnd;

/// <summary>
/// A tenant's webhook endpoint on loopback: keeps what it receives; fails the first calls when asked to, or answers
/// every call with a redirect to <c>redirectTo</c>.
/// </summary>
public sealed class WebhookReceiver : LoopbackHttpServer
{
    private readonly string? _redirectTo;
    private int _failuresLeft;

    public WebhookReceiver(int failFirst, string? redirectTo = null)
    {
        _failuresLeft = failFirst;
        _redirectTo = redirectTo;
        Url = Start("/hooks/");
    }

    public string Url { get; }

    public ConcurrentQueue<(string Signature, string Body)> Received { get; } = new();

    public int Attempts;

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        Interlocked.Increment(ref Attempts);
        using var reader = new StreamReader(context.Request.InputStream);
        var body = await reader.ReadToEndAsync();
        if (_redirectTo is not null)
        {
            context.Response.StatusCode = 307;
            context.Response.RedirectLocation = _redirectTo;
        }
        else if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            context.Response.StatusCode = 503;
        }
        else
        {
            Received.Enqueue((context.Request.Headers["X-AutoScale-Signature"] ?? "", body));
            context.Response.StatusCode = 204;
        }
    }
}
