using AutoScale.Models.Progress;

namespace AutoScale.Models;

/// <summary>
/// How a run ended: files in place (downloaded now or there already), bytes received, time taken, and each file that
/// is not in place with its one-line reason; <see cref="StopReason"/> when the run could not go on at all.
/// </summary>
public sealed record DownloadSummary(
    string Folder,
    int Files,
    int Downloaded,
    int AlreadyThere,
    long BytesReceived,
    TimeSpan Elapsed,
    IReadOnlyList<string> Failures,
    string? StopReason)
{
    public bool Succeeded => StopReason is null && Failures.Count == 0 && Downloaded + AlreadyThere == Files;

    /// <summary>The last line a run prints: the figures, or why it failed.</summary>
    public string Line =>
        StopReason
        ?? (Succeeded
            ? $"All {Files} files are in place in {Folder}: {Downloaded} downloaded ({Units.Bytes(BytesReceived)} in {Units.Duration(Elapsed)}), {AlreadyThere} already there."
            : $"{Files - Downloaded - AlreadyThere} of {Files} files are not in place in {Folder}; {Units.Bytes(BytesReceived)} downloaded in {Units.Duration(Elapsed)}.");
}
