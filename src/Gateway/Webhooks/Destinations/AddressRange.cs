using System.Net;

namespace AutoScale.Gateway.Webhooks.Destinations;

/// <summary>A CIDR block (<c>10.0.0.0/8</c>, <c>fc00::/7</c>) and what an address in it is.</summary>
public sealed class AddressRange
{
    private readonly byte[] _network;
    private readonly int _prefixLength;

    public AddressRange(string cidr, string kind)
    {
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        _network = IPAddress.Parse(cidr[..slash]).GetAddressBytes();
        _prefixLength = int.Parse(cidr[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        Kind = kind;
        Cidr = cidr;
    }

    public string Cidr { get; }

    public string Kind { get; }

    public bool Contains(ReadOnlySpan<byte> address)
    {
        if (address.Length != _network.Length)
        {
            return false;
        }

        var whole = _prefixLength / 8;
        if (!address[..whole].SequenceEqual(_network.AsSpan(0, whole)))
        {
            return false;
        }

        var rest = _prefixLength % 8;
        if (rest == 0)
        {
            return true;
        }

        var mask = (0xFF << (8 - rest)) & 0xFF;
        return (address[whole] & mask) == (_network[whole] & mask);
    }
}
