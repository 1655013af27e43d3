using System.Buffers;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;

namespace AutoScale.Artifacts.S3;

/// <summary>
/// Writes a stream of unknown length to one object, holding at most one part in memory: a single PutObject when it
/// fits in a part, a multipart upload (aborted on failure) when it does not.
/// </summary>
internal sealed class S3StreamingUpload(IAmazonS3 client, string bucket, ILogger logger)
{
    /// <summary>The part size, above S3's 5 MiB minimum; also the largest object sent in one PutObject.</summary>
    public const int PartSize = 8 * 1024 * 1024;

    public async Task UploadAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(PartSize);
        try
        {
            var first = await content.ReadAtLeastAsync(buffer.AsMemory(0, PartSize), PartSize, throwOnEndOfStream: false, cancellationToken);
            if (first < PartSize)
            {
                await client.PutObjectAsync(new PutObjectRequest
                {
                    BucketName = bucket,
                    Key = key,
                    InputStream = new MemoryStream(buffer, 0, first, writable: false),
                    AutoCloseStream = false,
                    // Streaming SigV4 (aws-chunked) is not spoken by every S3-compatible service; the body is in memory anyway.
                    UseChunkEncoding = false,
                }, cancellationToken);
                return;
            }

            await UploadInPartsAsync(key, content, buffer, first, cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task UploadInPartsAsync(string key, Stream content, byte[] buffer, int firstLength, CancellationToken cancellationToken)
    {
        var upload = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = key }, cancellationToken);
        try
        {
            var parts = new List<PartETag>();
            for (var length = firstLength; length > 0;
                 length = await content.ReadAtLeastAsync(buffer.AsMemory(0, PartSize), PartSize, throwOnEndOfStream: false, cancellationToken))
            {
                var part = await client.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = bucket,
                    Key = key,
                    UploadId = upload.UploadId,
                    PartNumber = parts.Count + 1,
                    InputStream = new MemoryStream(buffer, 0, length, writable: false),
                    PartSize = length,
                    UseChunkEncoding = false,
                }, cancellationToken);
                parts.Add(new PartETag(parts.Count + 1, part.ETag));
            }

            await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = bucket,
                Key = key,
                UploadId = upload.UploadId,
                PartETags = parts,
            }, cancellationToken);
        }
        catch
        {
            await AbortAsync(key, upload.UploadId);
            throw;
        }
    }

    private async Task AbortAsync(string key, string uploadId)
    {
        try
        {
            await client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = uploadId });
        }
        catch (Exception exception) when (exception is AmazonServiceException or HttpRequestException or IOException)
        {
            // Left behind, its parts cost storage until a bucket lifecycle rule removes incomplete uploads.
            logger.LogWarning("Could not abort the multipart upload of artifact {Key} in bucket {Bucket}: {Error}", key, bucket, exception.Message);
        }
    }
}
