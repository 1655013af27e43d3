using System.Collections.Concurrent;
using AutoScale.Models.Progress;

namespace AutoScale.Models.Tests.Downloading;

/// <summary>Keeps what the downloader reported as lines, and lets a test wait until a file has N bytes on disk.</summary>
internal sealed class RecordingProgress() : DownloadProgress(TextWriter.Null, TimeProvider.System)
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentDictionary<(string File, long Bytes), TaskCompletionSource> _waits = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>Completes once <paramref name="file"/> has <paramref name="bytes"/> bytes in its .incomplete file.</summary>
    public Task HasOnDisk(string file, long bytes) =>
        _waits.GetOrAdd((file, bytes), _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public override void InPlace(string how) => _lines.Enqueue($"{File}: {how}");

    public override void Downloaded() => _lines.Enqueue($"{File}: downloaded");

    public override void Problem(string line) => _lines.Enqueue(line);

    public override void Finish()
    {
    }

    protected override void OnChecking()
    {
    }

    protected override void OnTransferring() => OnAdvanced();

    protected override void OnAdvanced()
    {
        foreach (var ((file, bytes), wait) in _waits)
        {
            if (file == File && OnDisk >= bytes)
            {
                wait.TrySetResult();
            }
        }
    }
}
