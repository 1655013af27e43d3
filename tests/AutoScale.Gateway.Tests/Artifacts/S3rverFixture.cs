using Amazon.S3.Model;
using AutoScale.Artifacts;
using AutoScale.Artifacts.S3;
using AutoScale.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoScale.Gateway.Tests.Artifacts;

/// <summary>One s3rver for a test class, and S3 artifact stores pointed at its bucket.</summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    private S3rverProcess? _server;

    public S3rverProcess Server => _server ?? throw new InvalidOperationException(S3rverProcess.Unavailable);

    public S3ArtifactOptions Options(bool presignedDownloads = false) => new()
    {
        Endpoint = Server.Endpoint.ToString(),
        AccessKey = S3rverProcess.AccessKey,
        SecretKey = S3rverProcess.SecretKey,
        PresignedDownloads = presignedDownloads,
    };

    public S3ArtifactStore Store(bool presignedDownloads = false) =>
        new(Microsoft.Extensions.Options.Options.Create(new ArtifactOptions { Store = ArtifactOptions.S3Store, S3 = Options(presignedDownloads) }),
            NullLogger<S3ArtifactStore>.Instance);

    /// <summary>The keys in the bucket under <paramref name="prefix"/>, listed with a client of its own.</summary>
    public async Task<IReadOnlyList<string>> KeysAsync(string prefix)
    {
        using var client = S3ClientFactory.Create(Options());
        var listing = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = S3rverProcess.Bucket, Prefix = prefix });
        return (listing.S3Objects ?? []).Select(o => o.Key).Order(StringComparer.Ordinal).ToList();
    }

    public async Task InitializeAsync()
    {
        if (S3rverProcess.Unavailable is null)
        {
            _server = await S3rverProcess.StartAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
