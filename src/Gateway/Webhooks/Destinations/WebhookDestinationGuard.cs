using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace AutoScale.Gateway.Webhooks.Destinations;

/// <summary>
/// Applies <see cref="WebhookDestinationPolicy"/> with the operator's exceptions (<see cref="WebhookOptions.AllowedHosts"/>,
/// <see cref="WebhookOptions.AllowPrivateDestinations"/>): cheaply at submit, and at delivery as the webhook client's
/// connect step, which resolves the host, checks every address and connects to one of those very addresses, so a
/// second DNS answer can never slip past the check.
/// </summary>
public sealed class WebhookDestinationGuard(IOptions<WebhookOptions> options)
{
    private const string PublicOnly = "; webhooks only go to the public internet (an operator can allow a host with Webhooks:AllowedHosts)";

    /// <summary>
    /// Why <paramref name="url"/> may not receive webhooks, or null. Only what needs no lookup is checked: addresses in
    /// any spelling and localhost names; other names are checked at delivery, once resolved.
    /// </summary>
    public string? RefusalAtSubmit(Uri url)
    {
        var host = DestinationHost.Normalise(url.IdnHost);
        if (options.Value.AllowPrivateDestinations || IsAllowedName(host))
        {
            return null;
        }

        if (DestinationHost.Literal(host) is { } address)
        {
            return IsAllowedAddress(address) ? null : Refusal(host, address, WebhookDestinationPolicy.Refusal(address));
        }

        if (url.HostNameType == UriHostNameType.IPv6)
        {
            return $"{host} is an IPv6 address that cannot be checked";
        }

        return WebhookDestinationPolicy.IsLocalhostName(host) ? $"{host} is this machine (loopback){PublicOnly}" : null;
    }

    /// <summary>The addresses of <paramref name="host"/>, all of them allowed; throws <see cref="WebhookDestinationRefusedException"/> if any is not.</summary>
    public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var normalised = DestinationHost.Normalise(host);
        var addresses = DestinationHost.Literal(normalised) is { } literal ? new[] { literal } : await Dns.GetHostAddressesAsync(normalised, cancellationToken);
        if (options.Value.AllowPrivateDestinations || IsAllowedName(normalised))
        {
            return addresses;
        }

        if (addresses.Length == 0)
        {
            throw new WebhookDestinationRefusedException($"{normalised} has no address");
        }

        foreach (var address in addresses)
        {
            if (!IsAllowedAddress(address) && WebhookDestinationPolicy.Refusal(address) is { } kind)
            {
                throw new WebhookDestinationRefusedException(Refusal(normalised, address, kind)!);
            }
        }

        return addresses;
    }

    /// <summary>The <see cref="SocketsHttpHandler.ConnectCallback"/> of the webhook client.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAsync(context.DnsEndPoint.Host, cancellationToken);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static string? Refusal(string host, IPAddress address, string? kind)
    {
        if (kind is null)
        {
            return null;
        }

        var written = host == address.ToString() ? host : $"{host} ({address})";
        return $"{written} is {kind}{PublicOnly}";
    }

    private bool IsAllowedName(string host) =>
        options.Value.AllowedHosts.Any(allowed => DestinationHost.Normalise(allowed) == host);

    private bool IsAllowedAddress(IPAddress address)
    {
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return options.Value.AllowedHosts.Any(allowed => DestinationHost.Literal(allowed) is { } entry && entry.Equals(plain));
    }
}
