using System.Net;

namespace AutoScale.Gateway.Webhooks.Destinations;

/// <summary>A CIDR block (<c>10.0.0.0/8</c>, <c>fc00::/7</c>) and what an address in it is.</summary>
public sealed class AddressRange(string cidr, string kind)
{
    private readonly IPNetwork _network = IPNetwork.Parse(cidr);

    public string Cidr { get; } = cidr;

    public string Kind { get; } = kind;

    /// <summary>Whether <paramref name="address"/> is in the block; never for an address of the other family.</summary>
    public bool Contains(IPAddress address) => _network.Contains(address);
}
