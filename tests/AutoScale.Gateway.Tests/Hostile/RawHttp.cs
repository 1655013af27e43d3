using System.Net.Sockets;
using System.Text;

namespace AutoScale.Gateway.Tests.Hostile;

/// <summary>Requests written byte by byte on a socket, for what HttpClient refuses to send (or would fix) on our behalf.</summary>
public static class RawHttp
{
    /// <summary>The status code and body of the answer, or null when the server closed the connection without one.</summary>
    public sealed record Answer(int? Status, string Head, string Body);

    /// <summary>Sends <paramref name="head"/> and <paramref name="body"/> at once and reads the answer until the server closes.</summary>
    public static Task<Answer> SendAsync(Uri server, string head, byte[]? body, TimeSpan bound) =>
        SendStreamingAsync(server, head, async (stream, token) =>
        {
            if (body is not null)
            {
                await stream.WriteAsync(body, token);
            }
        }, bound);

    /// <summary>Sends the head, then lets <paramref name="sendBody"/> write (slowly, partially) before reading the answer.</summary>
    public static async Task<Answer> SendStreamingAsync(
        Uri server, string head, Func<NetworkStream, CancellationToken, Task> sendBody, TimeSpan bound)
    {
        using var timeout = new CancellationTokenSource(bound);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port, timeout.Token);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(head), timeout.Token);
        try
        {
            await sendBody(stream, timeout.Token);
        }
        catch (IOException)
        {
            // The server may give up on the request (and close) while we are still writing; its answer is read below.
        }

        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // A reset after the answer: what was read is the answer.
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The server neither answered nor closed the connection within {bound.TotalSeconds} s: {head.Split('\r')[0]}");
        }

        var text = Encoding.UTF8.GetString(received.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headPart = split < 0 ? text : text[..split];
        var bodyPart = split < 0 ? "" : text[(split + 4)..];
        if (headPart.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            bodyPart = Dechunk(bodyPart);
        }

        int? status = headPart.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && headPart.Length >= 12
            ? int.Parse(headPart.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture)
            : null;
        return new Answer(status, headPart, bodyPart);
    }

    private static string Dechunk(string chunked)
    {
        var body = new StringBuilder();
        var at = 0;
        while (at < chunked.Length)
        {
            var end = chunked.IndexOf("\r\n", at, StringComparison.Ordinal);
            if (end < 0 || !int.TryParse(chunked.AsSpan(at, end - at), System.Globalization.NumberStyles.HexNumber, null, out var size) || size == 0)
            {
                break;
            }

            var start = end + 2;
            body.Append(chunked.AsSpan(start, Math.Min(size, chunked.Length - start)));
            at = start + size + 2;
        }

        return body.ToString();
    }

    public static string Head(string method, string target, Uri server, params string[] headers) =>
        $"{method} {target} HTTP/1.1\r\nHost: {server.Authority}\r\nConnection: close\r\n{string.Concat(headers.Select(h => h + "\r\n"))}\r\n";
}
