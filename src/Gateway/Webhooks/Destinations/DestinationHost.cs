using System.Globalization;
using System.Net;

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

    // inet_aton's grammar: one to four parts, each decimal, octal (leading 0) or hex (0x); the last fills the rest.
    private static IPAddress? LooseIPv4(string host)
    {
        var parts = host.Split('.');
        if (parts.Length > 4)
        {
            return null;
        }

        var values = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (ParsePart(parts[i]) is not { } value)
            {
                return null;
            }

            values[i] = value;
        }

        long address = 0;
        for (var i = 0; i < values.Length - 1; i++)
        {
            if (values[i] > 255)
            {
                return null;
            }

            address |= values[i] << (8 * (3 - i));
        }

        var last = values[^1];
        if (last >= 1L << (8 * (4 - (values.Length - 1))))
        {
            return null;
        }

        address |= last;
        return new IPAddress([(byte)(address >> 24), (byte)(address >> 16), (byte)(address >> 8), (byte)address]);
    }

    private static long? ParsePart(string part)
    {
        if (part.Length is 0 or > 12)
        {
            return null;
        }

        var (digits, style, radix) = part.StartsWith("0x", StringComparison.Ordinal) ? (part[2..], NumberStyles.AllowHexSpecifier, 16)
            : part.Length > 1 && part[0] == '0' ? (part[1..], NumberStyles.None, 8)
            : (part, NumberStyles.None, 10);
        if (digits.Length == 0)
        {
            // "0x" alone is 0 to inet_aton.
            return radix == 16 ? 0 : null;
        }

        if (radix == 8)
        {
            return digits.All(c => c is >= '0' and <= '7') ? Convert.ToInt64(digits, 8) : null;
        }

        return long.TryParse(digits, style, CultureInfo.InvariantCulture, out var value) && value >= 0 ? value : null;
    }
}
