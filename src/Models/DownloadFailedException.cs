namespace AutoScale.Models;

/// <summary>One file could not be brought into place; the message is one line that names it and says why.</summary>
public sealed class DownloadFailedException(string message, Exception? inner = null) : Exception(message, inner);
