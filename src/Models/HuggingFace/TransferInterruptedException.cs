namespace AutoScale.Models.HuggingFace;

/// <summary>A GET that failed on the way (cut, stalled, a 5xx): worth trying again from the bytes already on disk.</summary>
internal sealed class TransferInterruptedException(string reason, long bytesReceived, Exception? inner = null)
    : Exception(reason, inner)
{
    /// <summary>Bytes this attempt added before it failed; an attempt that added some resets the count of failures.</summary>
    public long BytesReceived { get; } = bytesReceived;
}
