using AutoScale.Models.Verification;

namespace AutoScale.Models.HuggingFace;

/// <summary>What a transfer left in the <c>.incomplete</c> file: its length, its checksum, and the bytes this run received.</summary>
public sealed record TransferResult(long Length, ContentHash Hash, long BytesReceived)
{
    /// <summary>Why the file is not the one the hub published, in words; null when it is.</summary>
    public string? MismatchWith(HubFileMetadata expected) =>
        Length != expected.Size
            ? $"size mismatch (expected {expected.Size} bytes, got {Length})"
            : Hash != expected.Hash
                ? $"{expected.Hash.Name} mismatch (expected {expected.Hash.Hex}, got {Hash.Hex})"
                : null;
}
