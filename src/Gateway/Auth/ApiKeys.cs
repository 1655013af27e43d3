using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace AutoScale.Gateway.Auth;

/// <summary>Making and hashing API keys. Keys are 256 random bits, so SHA-256 alone is a sound stored form.</summary>
public static class ApiKeys
{
    private const string Prefix = "as_";

    /// <summary>A new random key, e.g. <c>as_3kq…</c> (46 characters).</summary>
    public static string Create() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The stored form of a key.</summary>
    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>What operators see of a key: enough to recognise it, not to use it.</summary>
    public static string DisplayPrefix(string key) => key.Length <= 7 ? Prefix : key[..7];
}
