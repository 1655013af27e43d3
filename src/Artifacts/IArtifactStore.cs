namespace AutoScale.Artifacts;

/// <summary>
/// Where chunk audio and final files live, by key (<see cref="ArtifactKeys"/>). Writes are atomic: a reader sees a
/// whole artifact or none. A folder by default, or an S3-compatible bucket.
/// </summary>
public interface IArtifactStore
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/>, replacing what was there.</summary>
    Task WriteAsync(string key, Stream content, CancellationToken cancellationToken);

    /// <summary>Opens the artifact for reading (seekable), or null when there is none.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Whether the artifact exists.</summary>
    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken);

    /// <summary>Removes every artifact whose key starts with <paramref name="prefix"/> (a job's folder); idempotent.</summary>
    Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>
    /// A short-lived URL anyone holding it can download the artifact from, with the given content type and file name,
    /// or null when this store cannot hand out such URLs (then the gateway streams the artifact itself).
    /// </summary>
    Task<Uri?> PresignDownloadAsync(string key, TimeSpan lifetime, string contentType, string fileName, CancellationToken cancellationToken);
}
