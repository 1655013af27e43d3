namespace AutoScale.Cluster.Artifacts;

/// <summary>
/// Where chunk audio and final files live, by key (<see cref="ArtifactKeys"/>). Writes are atomic: a reader sees a
/// whole artifact or none. A folder by default; an S3-compatible store can implement the same contract.
/// </summary>
public interface IArtifactStore
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/>, replacing what was there.</summary>
    Task WriteAsync(string key, Stream content, CancellationToken cancellationToken);

    /// <summary>Opens the artifact for reading (seekable), or null when there is none.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Whether the artifact exists.</summary>
    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken);
}
