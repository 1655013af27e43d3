using Microsoft.Extensions.Options;

namespace AutoScale.Artifacts;

/// <summary>Artifacts as files under <see cref="ArtifactOptions.Path"/>; written to a temporary name, then renamed.</summary>
public sealed class FileSystemArtifactStore(IOptions<ArtifactOptions> options) : IArtifactStore
{
    private readonly string _root = System.IO.Path.GetFullPath(options.Value.Path);

    public async Task WriteAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                await content.CopyToAsync(file, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        return Task.FromResult<Stream?>(File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, useAsync: true)
            : null);
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => Task.FromResult(File.Exists(PathOf(key)));

    public Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        // Keys are folder-like: a prefix ending in '/' is a folder, anything else the files starting with it.
        var path = PathOf(prefix.TrimEnd('/'));
        if (prefix.EndsWith('/'))
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        else if (Directory.Exists(System.IO.Path.GetDirectoryName(path)))
        {
            foreach (var file in Directory.EnumerateFiles(System.IO.Path.GetDirectoryName(path)!, System.IO.Path.GetFileName(path) + "*"))
            {
                File.Delete(file);
            }
        }

        return Task.CompletedTask;
    }

    // Files on the gateway's disk have no URL of their own: the gateway streams them.
    public Task<Uri?> PresignDownloadAsync(string key, TimeSpan lifetime, string contentType, string fileName, CancellationToken cancellationToken) =>
        Task.FromResult<Uri?>(null);

    private string PathOf(string key)
    {
        var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(_root, key));
        return path.StartsWith(_root + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new ArgumentException($"Artifact key '{key}' leaves the artifact folder.", nameof(key));
    }
}
