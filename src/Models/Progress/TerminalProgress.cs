namespace AutoScale.Models.Progress;

/// <summary>
/// Progress on a terminal: one line, redrawn with <c>\r</c> at most every <see cref="RedrawInterval"/>, cut to the
/// terminal's width so it never wraps (a wrapped line cannot be redrawn); problems get lines of their own above it.
/// </summary>
public sealed class TerminalProgress(TextWriter output, TimeProvider time, int width) : DownloadProgress(output, time)
{
    public static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(200);

    private const string EraseToEndOfLine = "\u001b[K";

    private long _lastDraw;
    private string _line = "";

    public override void InPlace(string how) => Draw($"{File}: {how}");

    public override void Downloaded() => Draw($"{File}: downloaded and verified, {DescribeDone()}");

    public override void Problem(string line)
    {
        Output.Write($"\r{line}{EraseToEndOfLine}\n");
        Draw(_line);
    }

    public override void Finish()
    {
        Output.Write($"\r{EraseToEndOfLine}");
        Output.Flush();
    }

    protected override void OnChecking() => Draw(File);

    protected override void OnTransferring() => Draw($"{File}: {Describe()}");

    protected override void OnAdvanced()
    {
        if (Time.GetElapsedTime(_lastDraw) >= RedrawInterval || OnDisk == Size)
        {
            Draw($"{File}: {Describe()}");
        }
    }

    private void Draw(string text)
    {
        _line = text;
        var line = $"[{FileNumber}/{FileCount}] {text}";
        var room = Math.Max(20, width - 1);
        Output.Write($"\r{(line.Length > room ? line[..room] : line)}{EraseToEndOfLine}");
        Output.Flush();
        _lastDraw = Time.GetTimestamp();
    }
}
