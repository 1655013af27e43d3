using System.Security.Cryptography;
using System.Text;

namespace AutoScale.Models.Verification;

/// <summary>
/// Hashes a file's content as it arrives, so a finished download is verified without reading it again. A git blob id
/// covers a header with the file's size, so the size the hub announced is given up front.
/// </summary>
public sealed class ContentHasher : IDisposable
{
    private readonly IncrementalHash _hash;
    private readonly ContentHashKind _kind;
    private readonly long _size;

    public ContentHasher(ContentHashKind kind, long size)
    {
        _kind = kind;
        _size = size;
        _hash = IncrementalHash.CreateHash(kind == ContentHashKind.Sha256 ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA1);
        Start();
    }

    /// <summary>How many bytes of content have been hashed.</summary>
    public long Length { get; private set; }

    /// <summary>The checksum of a whole file on disk (a git blob id uses the file's own size).</summary>
    public static async Task<ContentHash> OfFileAsync(string path, ContentHashKind kind, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        using var hasher = new ContentHasher(kind, file.Length);
        await hasher.AppendAsync(file, file.Length, cancellationToken);
        return hasher.Finish();
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        _hash.AppendData(bytes);
        Length += bytes.Length;
    }

    /// <summary>Hashes the next <paramref name="count"/> bytes of <paramref name="stream"/> (the prefix already on disk).</summary>
    public async Task AppendAsync(Stream stream, long count, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 16];
        while (count > 0)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)), cancellationToken);
            if (read == 0)
            {
                throw new EndOfStreamException($"The file ended {count} bytes early while it was being hashed.");
            }

            Append(buffer.AsSpan(0, read));
            count -= read;
        }
    }

    /// <summary>Forgets what was hashed: the server sent the whole file instead of the range asked for.</summary>
    public void Restart()
    {
        _hash.GetHashAndReset();
        Start();
    }

    public ContentHash Finish() => ContentHash.FromHex(_kind, Convert.ToHexStringLower(_hash.GetHashAndReset()))!;

    public void Dispose() => _hash.Dispose();

    private void Start()
    {
        Length = 0;
        if (_kind == ContentHashKind.GitBlobSha1)
        {
            _hash.AppendData(Encoding.ASCII.GetBytes(FormattableString.Invariant($"blob {_size}\0")));
        }
    }
}
