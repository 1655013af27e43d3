namespace AutoScale.Models.Verification;

/// <summary>The checksums the hub publishes: SHA-256 for LFS files, the git blob id for files kept in git.</summary>
public enum ContentHashKind
{
    /// <summary>SHA-256 of the bytes, as <c>X-Linked-Etag</c> gives it for LFS files.</summary>
    Sha256,

    /// <summary>SHA-1 of <c>"blob &lt;size&gt;\0"</c> followed by the bytes, as the <c>ETag</c> of a non-LFS file.</summary>
    GitBlobSha1,
}
