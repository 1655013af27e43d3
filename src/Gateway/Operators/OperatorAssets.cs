using System.Collections.Frozen;
using System.Security.Cryptography;

namespace AutoScale.Gateway.Operators;

/// <summary>
/// The pages' files, embedded in the gateway assembly (so a publish carries them and nothing is fetched from
/// elsewhere), served with an ETag and a strict Content-Security-Policy: same-origin scripts, styles and calls only.
/// </summary>
public sealed class OperatorAssets
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self' blob:; " +
        "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    private const string ResourcePrefix = "AutoScale.Gateway.Operators.Assets.";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
    }.ToFrozenDictionary();

    private readonly FrozenDictionary<string, Asset> _assets;

    public OperatorAssets()
    {
        var assembly = typeof(OperatorAssets).Assembly;
        _assets = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                var bytes = buffer.ToArray();
                var file = name[ResourcePrefix.Length..];
                return new Asset(file, bytes, ContentTypes[Path.GetExtension(file)], $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}\"");
            })
            .ToFrozenDictionary(asset => asset.Name, StringComparer.Ordinal);
    }

    /// <summary>Answers with the named file (e.g. <c>ops.html</c>); the pages poll, so browsers revalidate every time.</summary>
    public IResult Serve(string name, HttpContext context)
    {
        if (!_assets.TryGetValue(name, out var asset))
        {
            return TypedResults.NotFound();
        }

        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-cache";
        headers.ETag = asset.ETag;
        return context.Request.Headers.IfNoneMatch == asset.ETag
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Bytes(asset.Content, asset.ContentType);
    }

    private sealed record Asset(string Name, byte[] Content, string ContentType, string ETag);
}
