namespace AutoScale.Models.Progress;

/// <summary>
/// Progress for a log or a pipe: a line per file, and for a large one a line at most every
/// <see cref="LineInterval"/> with bytes, rate and time left.
/// </summary>
public sealed class PlainProgress(TextWriter output, TimeProvider time) : DownloadProgress(output, time)
{
    public static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(5);

    private long _lastLine;

    public override void InPlace(string how) => Output.WriteLine($"{File}: {how}");

    public override void Downloaded() => Output.WriteLine($"{File}: downloaded and verified, {DescribeDone()}");

    public override void Problem(string line) => Output.WriteLine(line);

    public override void Finish() => Output.Flush();

    protected override void OnChecking()
    {
    }

    protected override void OnTransferring()
    {
        _lastLine = Time.GetTimestamp();
        if (OnDisk > 0)
        {
            Output.WriteLine($"{File}: resuming from {Units.Bytes(OnDisk)} of {Units.Bytes(Size)}");
        }
    }

    protected override void OnAdvanced()
    {
        if (Time.GetElapsedTime(_lastLine) >= LineInterval)
        {
            _lastLine = Time.GetTimestamp();
            Output.WriteLine($"{File}: {Describe()}");
        }
    }
}
