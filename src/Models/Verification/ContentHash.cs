using System.Diagnostics.CodeAnalysis;

namespace AutoScale.Models.Verification;

/// <summary>A checksum of a file's content, in lower-case hex; written as <c>sha256:…</c> or <c>git-blob-sha1:…</c>.</summary>
public sealed record ContentHash
{
    private const string Sha256Prefix = "sha256:";
    private const string GitBlobSha1Prefix = "git-blob-sha1:";

    private ContentHash(ContentHashKind kind, string hex)
    {
        Kind = kind;
        Hex = hex;
    }

    public ContentHashKind Kind { get; }

    public string Hex { get; }

    /// <summary>The checksum's name in messages.</summary>
    public string Name => Kind == ContentHashKind.Sha256 ? "SHA-256" : "git blob SHA-1";

    /// <summary>A checksum from hex digits of the right length for <paramref name="kind"/>; null when they are not.</summary>
    public static ContentHash? FromHex(ContentHashKind kind, string? hex)
    {
        var length = kind == ContentHashKind.Sha256 ? 64 : 40;
        return hex is not null && hex.Length == length && hex.All(char.IsAsciiHexDigit)
            ? new ContentHash(kind, hex.ToLowerInvariant())
            : null;
    }

    public static bool TryParse(string? text, [NotNullWhen(true)] out ContentHash? hash)
    {
        hash = text switch
        {
            not null when text.StartsWith(Sha256Prefix, StringComparison.Ordinal) =>
                FromHex(ContentHashKind.Sha256, text[Sha256Prefix.Length..]),
            not null when text.StartsWith(GitBlobSha1Prefix, StringComparison.Ordinal) =>
                FromHex(ContentHashKind.GitBlobSha1, text[GitBlobSha1Prefix.Length..]),
            _ => null,
        };
        return hash is not null;
    }

    public override string ToString() => (Kind == ContentHashKind.Sha256 ? Sha256Prefix : GitBlobSha1Prefix) + Hex;
}
