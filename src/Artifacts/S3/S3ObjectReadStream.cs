using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace AutoScale.Artifacts.S3;

/// <summary>
/// A read-only, seekable view of one object: each read past the buffered window fetches the next window with a ranged
/// GetObject, so seeking (HTTP Range on the gateway) costs one request and nothing is read that is not asked for.
/// </summary>
internal sealed class S3ObjectReadStream(IAmazonS3 client, string bucket, string key, long length, string? etag) : Stream
{
    private const int WindowSize = 1024 * 1024;
    private byte[]? _window;
    private long _windowStart;
    private int _windowLength;
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        var position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        ArgumentOutOfRangeException.ThrowIfNegative(position, nameof(offset));
        _position = position;
        return position;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty || _position >= length)
        {
            return 0;
        }

        if (_window is null || _position < _windowStart || _position >= _windowStart + _windowLength)
        {
            await FetchWindowAsync(_position, cancellationToken);
        }

        var offset = (int)(_position - _windowStart);
        var count = Math.Min(buffer.Length, _windowLength - offset);
        _window.AsMemory(offset, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private async Task FetchWindowAsync(long start, CancellationToken cancellationToken)
    {
        var size = (int)Math.Min(WindowSize, length - start);
        _window ??= new byte[(int)Math.Min(WindowSize, length)];
        try
        {
            // If-Match: should the object be replaced while being read, fail rather than mix two versions.
            using var response = await client.GetObjectAsync(new GetObjectRequest
            {
                BucketName = bucket,
                Key = key,
                ByteRange = new ByteRange(start, start + size - 1),
                EtagToMatch = etag,
            }, cancellationToken);
            var read = await response.ResponseStream.ReadAtLeastAsync(_window.AsMemory(0, size), size, throwOnEndOfStream: false, cancellationToken);
            if (read != size)
            {
                throw new IOException($"Artifact '{key}' ended after {start + read} of {length} bytes.");
            }
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            _window = null;
            throw new IOException($"Artifact '{key}' was replaced or deleted while being read.", exception);
        }

        _windowStart = start;
        _windowLength = size;
    }
}
