using AutoScale.Models.Verification;

namespace AutoScale.Models.HuggingFace;

/// <summary>
/// What the hub says about one file at a revision, from a HEAD of its <c>resolve</c> URL: its checksum
/// (<c>X-Linked-Etag</c> for LFS files, the git blob id in <c>ETag</c> otherwise), its size, where to GET it (a
/// presigned CDN URL for LFS files) and the commit the revision resolved to.
/// </summary>
public sealed record HubFileMetadata(string Path, ContentHash Hash, long Size, Uri DownloadUrl, string? Commit);
