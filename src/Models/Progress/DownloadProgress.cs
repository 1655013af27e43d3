namespace AutoScale.Models.Progress;

/// <summary>
/// Hears what the downloader does, file by file, and keeps the figures both ways of showing it need: bytes on disk,
/// the rate since the transfer (re)started and the time left. <see cref="TerminalProgress"/> redraws one line;
/// <see cref="PlainProgress"/> writes lines a log can keep. Not thread-safe: one downloader drives it.
/// </summary>
public abstract class DownloadProgress(TextWriter output, TimeProvider time)
{
    private long _transferStarted;
    private long _baseline;

    protected TextWriter Output => output;

    protected TimeProvider Time => time;

    protected int FileCount { get; private set; }

    protected int FileNumber { get; private set; }

    protected string File { get; private set; } = "";

    protected long Size { get; private set; }

    protected long OnDisk { get; private set; }

    /// <summary>Bytes per second received since the transfer started; null until some time has passed.</summary>
    protected double? Rate
    {
        get
        {
            var seconds = time.GetElapsedTime(_transferStarted).TotalSeconds;
            return seconds > 0.05 ? (OnDisk - _baseline) / seconds : null;
        }
    }

    protected TimeSpan Elapsed => time.GetElapsedTime(_transferStarted);

    public void Begin(int fileCount)
    {
        FileCount = fileCount;
        FileNumber = 0;
    }

    /// <summary>The next file is being looked at (its record, what is on disk, the hub).</summary>
    public void Checking(string path)
    {
        FileNumber++;
        File = path;
        Size = 0;
        OnDisk = 0;
        OnChecking();
    }

    /// <summary>Its bytes start coming: <paramref name="onDisk"/> of <paramref name="size"/> are there already (a resume).</summary>
    public void Transferring(long size, long onDisk)
    {
        Size = size;
        OnDisk = onDisk;
        _baseline = onDisk;
        _transferStarted = time.GetTimestamp();
        OnTransferring();
    }

    public void Advanced(long onDisk)
    {
        if (onDisk < _baseline)
        {
            // The server sent the whole file again: measure the rate from there.
            _baseline = onDisk;
            _transferStarted = time.GetTimestamp();
        }

        OnDisk = onDisk;
        OnAdvanced();
    }

    /// <summary>The file was good already; <paramref name="how"/> says how that was known.</summary>
    public abstract void InPlace(string how);

    /// <summary>The file arrived, was verified and now stands under its final name.</summary>
    public abstract void Downloaded();

    /// <summary>Something went wrong and was dealt with (a cut connection resumed, a corrupt file fetched again).</summary>
    public abstract void Problem(string line);

    /// <summary>No more files: leave the output ready for the summary line.</summary>
    public abstract void Finish();

    protected abstract void OnChecking();

    protected abstract void OnTransferring();

    protected abstract void OnAdvanced();

    /// <summary>"120.5 MB of 312.3 MB (38%), 10.2 MB/s, 19 s left".</summary>
    protected string Describe()
    {
        var percent = Size > 0 ? OnDisk * 100 / Size : 100;
        var done = $"{Units.Bytes(OnDisk)} of {Units.Bytes(Size)} ({percent}%)";
        return Rate is { } rate and > 0
            ? $"{done}, {Units.Rate(rate)}, {Units.Duration(TimeSpan.FromSeconds((Size - OnDisk) / rate))} left"
            : $"{done}, measuring the rate";
    }

    /// <summary>"312.3 MB in 31 s (10.1 MB/s)".</summary>
    protected string DescribeDone() =>
        $"{Units.Bytes(Size)} in {Units.Duration(Elapsed)}{(Rate is { } rate ? $" ({Units.Rate(rate)})" : "")}";
}
