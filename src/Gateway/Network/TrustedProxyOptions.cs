using System.ComponentModel.DataAnnotations;
using System.Net;

namespace AutoScale.Gateway.Network;

/// <summary>
/// Which peers may say who the client is with <c>X-Forwarded-For</c>. Bound from the <c>Network</c> section. The
/// gateway's own host (127.0.0.1 and ::1, where <c>GATEWAYS=2 ./run.sh</c> runs HAProxy) is always trusted; a load
/// balancer elsewhere (compose's HAProxy) must be listed. From anyone else the header is ignored, so a client cannot
/// pick the address its failed sign-ins count against.
/// </summary>
public sealed class TrustedProxyOptions : IValidatableObject
{
    public const string SectionName = "Network";

    /// <summary>Addresses (<c>172.28.0.30</c>) or networks (<c>10.0.0.0/8</c>, <c>fd00::/8</c>) of trusted proxies.</summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>The entries parsed: single addresses become one-address networks.</summary>
    public IEnumerable<IPNetwork> Networks() => TrustedProxies.Select(entry => Parse(entry) ?? throw new FormatException(entry));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var entry in TrustedProxies.Where(entry => Parse(entry) is null))
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(TrustedProxies)} holds '{entry}', which is neither an IP address nor a network such as 10.0.0.0/8.",
                [nameof(TrustedProxies)]);
        }
    }

    private static IPNetwork? Parse(string entry)
    {
        var text = entry.Trim();
        if (IPAddress.TryParse(text, out var address) && !text.Contains('/', StringComparison.Ordinal))
        {
            return new IPNetwork(address, address.GetAddressBytes().Length * 8);
        }

        // 10.0.0.1/8 is refused rather than read as 10.0.0.0/8: it is more likely a typo than a network.
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && IPNetwork.TryParse(text, out var network) && IPAddress.TryParse(text[..slash], out var written)
            && network.BaseAddress.Equals(written) ? network : null;
    }
}
