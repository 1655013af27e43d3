namespace AutoScale.ModelDownloader;

/// <summary>A command line or environment the downloader cannot run with; the message says what is wrong.</summary>
public sealed class UsageException(string message) : Exception(message);
