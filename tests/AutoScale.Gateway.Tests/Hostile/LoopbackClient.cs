using System.Net;
using System.Net.Sockets;

namespace AutoScale.Gateway.Tests.Hostile;

/// <summary>
/// An HTTP client whose connections leave from a chosen loopback address (127.0.0.2, 127.0.0.3…): distinct client
/// addresses on one machine, none of them the trusted local proxy's 127.0.0.1. Redirects are not followed, so a
/// sign-in shows as its 302.
/// </summary>
public static class LoopbackClient
{
    public static HttpClient From(IPAddress local, Uri server)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
    }
}
