using System.Net;
using System.Net.Sockets;

namespace AutoScale.Gateway.Webhooks.Destinations;

/// <summary>
/// A URL's host as a resolver would read it: lower case, no brackets, no trailing dot, and an address when it is
/// written as one in any spelling a C resolver accepts (<c>2130706433</c>, <c>0177.0.0.1</c>, <c>0x7f.1</c>, <c>127.1</c>).
/// </summary>
public static class DestinationHost
{
    public static string Normalise(string host) => host.Trim('[', ']').TrimEnd('.').ToLowerInvariant();

    /// <summary>The address <paramref name="host"/> is written as, or null for a name.</summary>
    public static IPAddress? Literal(string host)
    {
        var normalised = Normalise(host);
        if (normalised.Contains(':', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(normalised, out var ipv6) ? ipv6 : null;
        }

        return LooseIPv4(normalised);
    }

    // IPAddress.TryParse reads IPv4 as inet_aton does (one to four parts, decimal, octal or hex, the last filling the
    // rest), except that inet_aton also takes a bare "0x" part as 0.
    private static IPAddress? LooseIPv4(string host)
    {
        if (IPAddress.TryParse(host, out var address) || IPAddress.TryParse(BareHexAsZero(host), out address))
        {
            return address.AddressFamily == AddressFamily.InterNetwork ? address : null;
        }

        return null;
    }

    private static string BareHexAsZero(string host) => string.Join('.', host.Split('.').Select(part => part == "0x" ? "0" : part));
}
