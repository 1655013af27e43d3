using System.Collections.Concurrent;
using AutoScale.Artifacts;

namespace AutoScale.Silo.Tests.Fakes;

/// <summary>Artifacts kept in memory, by key.</summary>
public sealed class MemoryArtifacts : IArtifactStore
{
    public ConcurrentDictionary<string, byte[]> Stored { get; } = new();

    public async Task WriteAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, cancellationToken);
        Stored[key] = copy.ToArray();
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult<Stream?>(Stored.TryGetValue(key, out var bytes) ? new MemoryStream(bytes) : null);

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => Task.FromResult(Stored.ContainsKey(key));

    public Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<Uri?> PresignDownloadAsync(string key, TimeSpan lifetime, string contentType, string fileName, CancellationToken cancellationToken) =>
        Task.FromResult<Uri?>(null);
}
