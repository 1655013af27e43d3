using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AutoScale.Gateway.Webhooks;

/// <summary>
/// The <c>X-AutoScale-Signature</c> header: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "t.body")&gt;</c>.
/// A receiver recomputes it with its tenant's webhook secret and rejects old timestamps to stop replays.
/// </summary>
public static class WebhookSignature
{
    public const string HeaderName = "X-AutoScale-Signature";

    public static string Create(string secret, long unixSeconds, string body)
    {
        var timestamp = unixSeconds.ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }

    /// <summary>Checks a header against the body, as a tenant would.</summary>
    public static bool Verify(string secret, string header, string body)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        return parts.TryGetValue("t", out var t) && long.TryParse(t, CultureInfo.InvariantCulture, out var seconds)
            && parts.TryGetValue("v1", out var given)
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Create(secret, seconds, body)), Encoding.ASCII.GetBytes($"t={t},v1={given}"));
    }
}
