using System.Security.Cryptography;
using System.Text;

namespace AutoScale.Models.Tests.FakeHub;

/// <summary>A file the fake hub serves: kept in LFS (served from the CDN, checked by SHA-256) or in git (by blob id).</summary>
internal sealed record FakeHubFile(string Path, byte[] Content, bool IsLfs)
{
    public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Content));

    public string GitBlobSha1 =>
        Convert.ToHexStringLower(SHA1.HashData([.. Encoding.ASCII.GetBytes($"blob {Content.Length}\0"), .. Content]));

    /// <summary>Bytes that differ from run to run of the generator only by <paramref name="seed"/>.</summary>
    public static FakeHubFile Generated(string path, int size, bool isLfs, int seed)
    {
        var content = new byte[size];
        new Random(seed).NextBytes(content);
        return new FakeHubFile(path, content, isLfs);
    }
}
