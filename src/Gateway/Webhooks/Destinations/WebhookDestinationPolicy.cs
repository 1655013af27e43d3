using System.Net;
using System.Net.Sockets;

namespace AutoScale.Gateway.Webhooks.Destinations;

/// <summary>
/// Which addresses a webhook may be sent to: the public internet only. Everything a tenant could use to reach into the
/// network the gateway sits in (loopback, private and link-local ranges, the cloud metadata service, unique-local IPv6,
/// the same written as IPv4 inside IPv6) is refused, with the kind of range it is in.
/// </summary>
public static class WebhookDestinationPolicy
{
    private static readonly AddressRange[] RefusedIPv4 =
    [
        new("0.0.0.0/8", "'this network' (0.0.0.0/8, unspecified)"),
        new("10.0.0.0/8", "private (RFC 1918)"),
        new("100.64.0.0/10", "shared address space (100.64.0.0/10)"),
        new("127.0.0.0/8", "loopback"),
        new("169.254.0.0/16", "link-local (incl. the cloud metadata service)"),
        new("172.16.0.0/12", "private (RFC 1918)"),
        new("192.0.0.0/24", "reserved for IETF protocols (192.0.0.0/24)"),
        new("192.0.2.0/24", "documentation (TEST-NET-1)"),
        new("192.88.99.0/24", "6to4 relay anycast (deprecated)"),
        new("192.168.0.0/16", "private (RFC 1918)"),
        new("198.18.0.0/15", "benchmarking (198.18.0.0/15)"),
        new("198.51.100.0/24", "documentation (TEST-NET-2)"),
        new("203.0.113.0/24", "documentation (TEST-NET-3)"),
        new("224.0.0.0/4", "multicast"),
        new("255.255.255.255/32", "broadcast"),
        new("240.0.0.0/4", "reserved (240.0.0.0/4)"),
    ];

    private static readonly AddressRange[] RefusedIPv6 =
    [
        new("64:ff9b:1::/48", "local-use NAT64"),
        new("100::/64", "discard-only"),
        new("2001::/23", "reserved for IETF protocols (incl. Teredo)"),
        new("2001:db8::/32", "documentation"),
        new("3fff::/20", "documentation"),
        new("fc00::/7", "unique-local"),
        new("fe80::/10", "link-local"),
        new("fec0::/10", "site-local (deprecated)"),
        new("ff00::/8", "multicast"),
    ];

    private static readonly AddressRange GlobalUnicast = new("2000::/3", "global unicast");
    private static readonly AddressRange Nat64 = new("64:ff9b::/96", "NAT64");
    private static readonly AddressRange SixToFour = new("2002::/16", "6to4");

    private static readonly string[] LocalhostNames = ["localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"];

    /// <summary>Null when <paramref name="address"/> is on the public internet; else what kind of address it is.</summary>
    public static string? Refusal(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return Find(RefusedIPv4, address);
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return "not an IP address";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return Embedded(bytes.AsSpan(12, 4), "IPv4-mapped IPv6");
        }

        if (bytes.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
        {
            // ::/96 holds the unspecified address, loopback and the deprecated IPv4-compatible form, none of them public.
            return bytes[15] == 1 && bytes.AsSpan(12, 3).IndexOfAnyExcept((byte)0) < 0 ? "loopback"
                : bytes.AsSpan(12).IndexOfAnyExcept((byte)0) < 0 ? "unspecified" : "IPv4-compatible IPv6 (deprecated)";
        }

        if (Nat64.Contains(address))
        {
            return Embedded(bytes.AsSpan(12, 4), "NAT64");
        }

        if (SixToFour.Contains(address))
        {
            return Embedded(bytes.AsSpan(2, 4), "6to4");
        }

        if (address.ScopeId != 0)
        {
            return "scoped IPv6 (zone id)";
        }

        return Find(RefusedIPv6, address) ?? (GlobalUnicast.Contains(address) ? null : "reserved IPv6 (not global unicast)");
    }

    /// <summary>
    /// Whether <paramref name="host"/> names this machine by convention (RFC 6761 <c>localhost</c> and <c>*.localhost</c>,
    /// and the usual /etc/hosts aliases), whatever a resolver would answer.
    /// </summary>
    public static bool IsLocalhostName(string host)
    {
        var name = host.TrimEnd('.').ToLowerInvariant();
        return LocalhostNames.Contains(name) || name.EndsWith(".localhost", StringComparison.Ordinal);
    }

    private static string? Embedded(ReadOnlySpan<byte> ipv4, string form) =>
        Refusal(new IPAddress(ipv4)) is { } kind ? $"{kind}, as {form}" : null;

    private static string? Find(AddressRange[] ranges, IPAddress address)
    {
        foreach (var range in ranges)
        {
            if (range.Contains(address))
            {
                return range.Kind;
            }
        }

        return null;
    }
}
