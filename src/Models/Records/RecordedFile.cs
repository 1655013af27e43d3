namespace AutoScale.Models.Records;

/// <summary>A file as it was when verified: its size, its checksum (<c>sha256:…</c> or <c>git-blob-sha1:…</c>) and its last write.</summary>
public sealed record RecordedFile(long Size, string Hash, DateTime LastWriteUtc)
{
    /// <summary>Whether the file on disk is still the one verified: same size, untouched since.</summary>
    public bool Describes(FileInfo file) =>
        file.Exists && file.Length == Size && file.LastWriteTimeUtc == LastWriteUtc;
}
