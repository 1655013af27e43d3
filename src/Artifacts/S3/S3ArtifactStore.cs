using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoScale.Artifacts.S3;

/// <summary>
/// Artifacts as objects of an S3-compatible bucket (<see cref="S3ArtifactOptions"/>). A PutObject or a completed
/// multipart upload replaces an object at once, so readers see a whole artifact or none.
/// </summary>
public sealed class S3ArtifactStore : IArtifactStore, IDisposable
{
    private const int DeletePageSize = 1000;
    private readonly S3ArtifactOptions _options;
    private readonly AmazonS3Client _client;
    private readonly S3StreamingUpload _upload;

    public S3ArtifactStore(IOptions<ArtifactOptions> options, ILogger<S3ArtifactStore> logger)
    {
        _options = options.Value.S3;
        _client = S3ClientFactory.Create(_options);
        _upload = new S3StreamingUpload(_client, _options.Bucket, logger);
    }

    public Task WriteAsync(string key, Stream content, CancellationToken cancellationToken) =>
        _upload.UploadAsync(key, content, cancellationToken);

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken) =>
        await HeadAsync(key, cancellationToken) is { } head
            ? new S3ObjectReadStream(_client, _options.Bucket, key, head.ContentLength, head.ETag)
            : null;

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) =>
        await HeadAsync(key, cancellationToken) is not null;

    public async Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        string? continuation = null;
        do
        {
            var page = await _client.ListObjectsV2Async(new ListObjectsV2Request
            {
                BucketName = _options.Bucket,
                Prefix = prefix,
                MaxKeys = DeletePageSize,
                ContinuationToken = continuation,
            }, cancellationToken);
            if (page.S3Objects is { Count: > 0 } objects)
            {
                await DeleteAsync(objects.Select(o => o.Key).ToList(), prefix, cancellationToken);
            }

            continuation = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (continuation is not null);
    }

    public async Task<Uri?> PresignDownloadAsync(
        string key, TimeSpan lifetime, string contentType, string fileName, CancellationToken cancellationToken)
    {
        if (!_options.PresignedDownloads)
        {
            return null;
        }

        var url = await _client.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = _options.Bucket,
            Key = key,
            Verb = HttpVerb.GET,
            Expires = DateTime.UtcNow.Add(lifetime),
            Protocol = _options.Endpoint.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? Protocol.HTTP : Protocol.HTTPS,
            ResponseHeaderOverrides = new ResponseHeaderOverrides
            {
                ContentType = contentType,
                ContentDisposition = Attachment(fileName),
            },
        });
        return new Uri(url);
    }

    /// <summary>
    /// Checks the bucket can be reached with these credentials; throws a message saying what to do (never the keys).
    /// </summary>
    public async Task VerifyBucketAsync(CancellationToken cancellationToken)
    {
        var where = $"bucket '{_options.Bucket}' at {_options.EndpointDescription}";
        try
        {
            await _client.HeadBucketAsync(new HeadBucketRequest { BucketName = _options.Bucket }, cancellationToken);
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            throw new InvalidOperationException(
                $"The artifact {where} does not exist. Create it, or set Artifacts:S3:Bucket (environment Artifacts__S3__Bucket) to an existing bucket.");
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
        {
            throw new InvalidOperationException(
                $"The artifact {where} refused the credentials (HTTP {(int)exception.StatusCode}). Check Artifacts:S3:AccessKey and "
                + "Artifacts:S3:SecretKey (and Artifacts:S3:Region) and that the key may read and write this bucket.");
        }
        catch (AmazonS3Exception exception)
        {
            throw new InvalidOperationException(
                $"The artifact {where} answered HTTP {(int)exception.StatusCode} {exception.ErrorCode}. Check Artifacts:S3:Endpoint and Artifacts:S3:Bucket.");
        }
        catch (Exception exception) when (exception is AmazonServiceException or HttpRequestException or IOException or TaskCanceledException
                                           && !cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException(
                $"The artifact {where} cannot be reached ({exception.GetType().Name}: {exception.Message}). Check Artifacts:S3:Endpoint.");
        }
    }

    public void Dispose() => _client.Dispose();

    private async Task DeleteAsync(IReadOnlyList<string> keys, string prefix, CancellationToken cancellationToken)
    {
        var deleted = await _client.DeleteObjectsAsync(new DeleteObjectsRequest
        {
            BucketName = _options.Bucket,
            Objects = keys.Select(key => new KeyVersion { Key = key }).ToList(),
            Quiet = true,
        }, cancellationToken);
        if (deleted.DeleteErrors is { Count: > 0 } errors)
        {
            throw new IOException(
                $"Could not delete {errors.Count} artifacts under '{prefix}' in bucket '{_options.Bucket}', e.g. '{errors[0].Key}': {errors[0].Code}.");
        }
    }

    private async Task<GetObjectMetadataResponse?> HeadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _options.Bucket, Key = key }, cancellationToken);
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static string Attachment(string fileName)
    {
        var ascii = new StringBuilder(fileName.Length);
        foreach (var character in fileName)
        {
            ascii.Append(character is >= ' ' and < (char)127 and not ('"' or '\\') ? character : '_');
        }

        return new ContentDispositionHeaderValue("attachment") { FileName = $"\"{ascii}\"", FileNameStar = fileName }.ToString();
    }
}
